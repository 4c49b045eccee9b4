--[[
  Reserves the next send slot of a rate shared by every replica (a GCRA): slots are `spacing` apart
  on Redis's own clock (TIME), so replicas on hosts whose clocks disagree still draw from one even
  stream. An idle budget may run up to `tolerance` ahead of that stream, so a burst of
  tolerance / spacing + 1 calls goes at once; with tolerance 0 no two slots are closer than `spacing`.

  KEYS[1]  the budget's next free slot, microseconds since the epoch   (prefix{budget:NAME})
  ARGV[1]  spacing between slots, microseconds (a whole number: 1e6 / rate, rounded up)
  ARGV[2]  burst tolerance, microseconds (a whole multiple of the spacing; 0: strict spacing)

  Returns { slot start in microseconds (a string: it needs more digits than a reply number keeps
  exactly), wait until it in microseconds }.
  Guarantees: slots are handed out in the order callers arrive; in any stretch of time T, at most
  T / spacing + 1 + tolerance / spacing slots start; an idle budget starts at once (a slot in the
  past is never handed out). The key expires a minute after the last reserved slot, so an idle
  budget keeps nothing.
]]
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
local spacing = tonumber(ARGV[1])
local tolerance = tonumber(ARGV[2])
local free = tonumber(redis.call('GET', KEYS[1]) or '0')
-- The stream's position, never further behind now than the tolerance allows.
local position = free
if position < now - tolerance then position = now - tolerance end
local slot = now
if position > now then slot = position end
local nextFree = position + spacing
redis.call('SET', KEYS[1], string.format('%.0f', nextFree), 'PX', math.ceil((nextFree - now) / 1000) + 60000)
return { string.format('%.0f', slot), slot - now }
