--[[
  Claims up to `limit` due jobs: takes the members scored at or before `now`, oldest first (ties by
  member), and re-scores each to the end of its lease so no other claimer sees it until then.

  KEYS[1]  jobs sorted set          (prefix{jobs}:queue)
  ARGV[1]  now, ms
  ARGV[2]  lease, ms
  ARGV[3]  limit

  Returns the claimed members (job keys, see src/store/job-keys.ts).
  Guarantees: a due job goes to exactly one claimer; if that claimer dies without completing or
  rescheduling it, the job is due again when the lease ends.
]]
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
local leaseEnd = tonumber(ARGV[1]) + tonumber(ARGV[2])
for _, job in ipairs(due) do
  redis.call('ZADD', KEYS[1], leaseEnd, job)
end
return due
