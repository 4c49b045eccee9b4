--[[
  Ends a user's absence in a channel (`/quiz back`).

  KEYS[1]  streak protection  (prefix{channel}:guards: away:<user id> -> when the absence ends, ms)
  ARGV[1]  user id
  ARGV[2]  now, ms

  Returns 1 when the absence was still running at ARGV[2], else 0; either way none is left. A script
  so the answer describes exactly the absence it removed, whatever `/quiz away` runs alongside.
]]
local field = 'away:' .. ARGV[1]
local untilMs = tonumber(redis.call('HGET', KEYS[1], field) or -1)
redis.call('HDEL', KEYS[1], field)
if untilMs > tonumber(ARGV[2]) then
  return 1
end
return 0
