--[[
  Reads one board: the top entries, their names, and the caller's place when outside the top. Read
  only; a script so the page is one consistent snapshot in one round trip.

  KEYS[1]  the board's sorted set   (prefix{channel}:board:<streak|best|total|month:YYYY-MM>)
  KEYS[2]  names hash               (prefix{channel}:names)
  ARGV[1]  how many entries
  ARGV[2]  the caller's user id

  Returns {top, names, callerScore, higher}: top is ZREVRANGE ... WITHSCORES (score descending, then
  member descending, which is the order the contract expects); names has one entry per member of top
  then, when the caller is outside the top, one for the caller; callerScore is false when the caller
  is in the top or not on the board; higher counts the members scoring strictly more than the caller,
  so the caller's competition rank is 1 + higher.
]]
local limit = tonumber(ARGV[1])
local top = {}
if limit > 0 then
  top = redis.call('ZREVRANGE', KEYS[1], 0, limit - 1, 'WITHSCORES')
end
local ids = {}
local callerInTop = false
for i = 1, #top, 2 do
  ids[#ids + 1] = top[i]
  if top[i] == ARGV[2] then
    callerInTop = true
  end
end
local callerScore = false
local higher = false
if not callerInTop then
  callerScore = redis.call('ZSCORE', KEYS[1], ARGV[2])
  if callerScore then
    higher = redis.call('ZCOUNT', KEYS[1], '(' .. callerScore, '+inf')
    ids[#ids + 1] = ARGV[2]
  end
end
local names = {}
if #ids > 0 then
  names = redis.call('HMGET', KEYS[2], unpack(ids))
end
return {top, names, callerScore, higher}
