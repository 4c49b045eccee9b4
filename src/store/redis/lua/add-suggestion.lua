--[[
  Adds a pending suggestion unless its author has reached the pending limit in its space.

  KEYS[1]  prefix{team}:seq          counter: the n of the last `team-<n>` id handed out
  KEYS[2]  prefix{team}:body         hash: id -> JSON {submittedAt, question} (never changed)
  KEYS[3]  prefix{team}:status       hash: id -> pending | approved | rejected | retired
  KEYS[4]  prefix{team}:author       hash: id -> author key (<platform>:<user id>), '' once forgotten
  KEYS[5]  prefix{team}:name         hash: id -> author name as shown
  KEYS[6]  prefix{team}:space-of     hash: id -> space
  KEYS[7]  prefix{team}:space:<s>    sorted set: the space's ids, scored by n
  KEYS[8]  prefix{team}:by:<author>  set: every id the author wrote (forget-me finds them here)
  ARGV[1]  space
  ARGV[2]  author key
  ARGV[3]  author name
  ARGV[4]  body JSON
  ARGV[5]  most pending suggestions one author may have in a space

  Returns {'added', id} or {'limit', pending}. One script, so two submissions at once cannot both
  slip under the limit. Every key carries the {team} tag: one slot under Redis Cluster.
]]
local pending = 0
for _, id in ipairs(redis.call('SMEMBERS', KEYS[8])) do
  if redis.call('HGET', KEYS[3], id) == 'pending' and redis.call('HGET', KEYS[6], id) == ARGV[1] then
    pending = pending + 1
  end
end
if pending >= tonumber(ARGV[5]) then
  return {'limit', pending}
end
local n = redis.call('INCR', KEYS[1])
local id = 'team-' .. n
redis.call('HSET', KEYS[2], id, ARGV[4])
redis.call('HSET', KEYS[3], id, 'pending')
redis.call('HSET', KEYS[4], id, ARGV[2])
redis.call('HSET', KEYS[5], id, ARGV[3])
redis.call('HSET', KEYS[6], id, ARGV[1])
redis.call('ZADD', KEYS[7], n, id)
redis.call('SADD', KEYS[8], id)
return {'added', id}
