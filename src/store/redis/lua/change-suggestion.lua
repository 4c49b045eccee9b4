--[[
  Moves a suggestion of one space from one status to the next (pending -> approved or rejected,
  approved -> retired).

  KEYS[1]  prefix{team}:status     hash: id -> status
  KEYS[2]  prefix{team}:space-of   hash: id -> space
  KEYS[3]  prefix{team}:decided    hash: id -> JSON {decidedAt, reason?}
  ARGV[1]  id
  ARGV[2]  space the caller is in
  ARGV[3]  status the change starts from
  ARGV[4]  new status
  ARGV[5]  decided JSON

  Returns 'changed', 'not-found' (no such id, or another space's) or 'wrong-status'. One script, so
  two admins pressing Approve and Reject at once decide it once.
]]
if redis.call('HGET', KEYS[2], ARGV[1]) ~= ARGV[2] then
  return 'not-found'
end
if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[3] then
  return 'wrong-status'
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[4])
redis.call('HSET', KEYS[3], ARGV[1], ARGV[5])
return 'changed'
