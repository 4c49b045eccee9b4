--[[
  Included (see scripts.ts) at the end of record-answer.lua and record-pick.lua: counts a user's
  first answer to a round, whether written or picked. The rules of src/core/streaks.ts (applyAnswer):
  a streak grows when the user's last answered or protected round (kept by an absence or a freeze)
  is the one just before, else it starts again at 1; every 10th round of a streak earns a freeze (at
  most 2 kept). Expects the including script's KEYS[3]..KEYS[10] and KEYS[12], and ARGV[1] (round
  id), ARGV[2] (user id), ARGV[3] (display name) and ARGV[6] (YYYY-MM), as both document them.
]]
local seq = tonumber(round[3])
local prev = redis.call('HMGET', KEYS[3], 'streak', 'best', 'lastSeq', 'total', 'monthKey', 'month')
local kept = tonumber(redis.call('HGET', KEYS[12], 'kept:' .. ARGV[2]) or 0)
local streak = 1
if prev[3] and math.max(tonumber(prev[3]), kept) == seq - 1 then
  streak = tonumber(prev[1]) + 1
end
if streak % 10 == 0 then
  local freezes = tonumber(redis.call('HGET', KEYS[12], 'freezes:' .. ARGV[2]) or 0)
  redis.call('HSET', KEYS[12], 'freezes:' .. ARGV[2], math.min(2, freezes + 1))
end
local best = math.max(tonumber(prev[2] or 0), streak)
local total = tonumber(prev[4] or 0) + 1
local month = 1
if prev[5] == ARGV[6] then
  month = tonumber(prev[6]) + 1
end

redis.call('HSET', KEYS[3], 'streak', streak, 'best', best, 'lastSeq', seq, 'total', total,
  'monthKey', ARGV[6], 'month', month)
redis.call('SADD', KEYS[4], ARGV[1])
redis.call('HSET', KEYS[5], ARGV[2], ARGV[3])
redis.call('ZADD', KEYS[6], streak, ARGV[2])
redis.call('ZADD', KEYS[7], best, ARGV[2])
redis.call('ZADD', KEYS[8], total, ARGV[2])
redis.call('ZADD', KEYS[9], month, ARGV[2])
redis.call('SADD', KEYS[10], ARGV[6])
return 'recorded'
