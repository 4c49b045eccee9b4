--[[
  forget-me for suggestions: deletes the author's pending and rejected ones and shows the approved
  and retired ones as written by a former member.

  KEYS[1]  prefix{team}:by:<author>  set: the author's ids
  KEYS[2]  prefix{team}:body
  KEYS[3]  prefix{team}:status
  KEYS[4]  prefix{team}:author
  KEYS[5]  prefix{team}:name
  KEYS[6]  prefix{team}:space-of
  KEYS[7]  prefix{team}:decided
  ARGV[1]  the name shown instead ('a former member')

  Returns how many were deleted. A deleted id may stay in its space's sorted set: readers skip ids
  without a status. One script, so a suggestion submitted meanwhile is either seen here or not yet
  added.
]]
local deleted = 0
for _, id in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local status = redis.call('HGET', KEYS[3], id)
  if status == 'pending' or status == 'rejected' then
    for i = 2, 7 do
      redis.call('HDEL', KEYS[i], id)
    end
    deleted = deleted + 1
  elseif status then
    redis.call('HSET', KEYS[4], id, '')
    redis.call('HSET', KEYS[5], id, ARGV[1])
  end
end
redis.call('DEL', KEYS[1])
return deleted
