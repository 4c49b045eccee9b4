--[[
  Removes everything one channel stores about a user: stats, name, board entries (monthly and points
  boards included) and their answers in every round, and leaves a tombstone with the time, so a reply
  or pick sent before the forget-me and recorded later (history catch-up, outage replay) is refused.

  KEYS[1]               the user's stats hash    (prefix{channel}:user:<user id>)
  KEYS[2]               rounds the user answered (prefix{channel}:answered:<user id>)
  KEYS[3]               names hash               (prefix{channel}:names)
  KEYS[4..7]            streak, best, total and points boards
  KEYS[8]               months with a board      (prefix{channel}:months)
  KEYS[9]               tombstones               (prefix{channel}:forgotten: tombstone id -> forget-me time)
  KEYS[10..9+2m]        every monthly board, then every monthly points board (one each per member of KEYS[8])
  KEYS[10+2m..9+2m+r]   the answers hash of every round in KEYS[2]
  KEYS[10+2m+r]         streak protection        (prefix{channel}:guards: away:<id>, freezes:<id>, ...)
  ARGV[1]  user id
  ARGV[2]  m, how many months were read
  ARGV[3]  r, how many answered rounds were read
  ARGV[4]  the user's tombstone id (a one-way hash of platform and user id, keys.ts)
  ARGV[5]  when the user asked to be forgotten, ms
  ARGV[6]  how long tombstones are kept, ms

  Returns 'forgotten', or 'stale' when a month or an answered round appeared after the caller read
  them (both sets only grow, so equal sizes mean equal sets); the caller then reads again and retries.
  Keys are listed, not built here, so the script stays correct under Redis Cluster.
  Guarantees: the user vanishes from the channel in one step; nothing is left half removed.
]]
local months, rounds = tonumber(ARGV[2]), tonumber(ARGV[3])
if redis.call('SCARD', KEYS[8]) ~= months or redis.call('SCARD', KEYS[2]) ~= rounds then
  return 'stale'
end
local userId = ARGV[1]
redis.call('DEL', KEYS[1], KEYS[2])
redis.call('HDEL', KEYS[3], userId)
for i = 4, 7 do
  redis.call('ZREM', KEYS[i], userId)
end
for i = 10, 9 + 2 * months do
  redis.call('ZREM', KEYS[i], userId)
end
for i = 10 + 2 * months, 9 + 2 * months + rounds do
  redis.call('HDEL', KEYS[i], userId)
end
redis.call('HDEL', KEYS[10 + 2 * months + rounds], 'away:' .. userId, 'freezes:' .. userId, 'kept:' .. userId,
  'frozen:' .. userId)
redis.call('HSET', KEYS[9], ARGV[4], ARGV[5])
redis.call('PEXPIRE', KEYS[9], ARGV[6])
return 'forgotten'
