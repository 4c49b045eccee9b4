--[[
  Removes everything one channel stores about a user: stats, name, board entries (monthly boards
  included) and their answers in every round, and leaves a tombstone with the time, so a reply sent
  before the forget-me and recorded later (history catch-up, outage replay) is refused.

  KEYS[1]            the user's stats hash    (prefix{channel}:user:<user id>)
  KEYS[2]            rounds the user answered (prefix{channel}:answered:<user id>)
  KEYS[3]            names hash               (prefix{channel}:names)
  KEYS[4..6]         streak, best and total boards
  KEYS[7]            months with a board      (prefix{channel}:months)
  KEYS[8]            tombstones               (prefix{channel}:forgotten: tombstone id -> forget-me time)
  KEYS[9..8+m]       every monthly board      (one per member of KEYS[7])
  KEYS[9+m..8+m+r]   the answers hash of every round in KEYS[2]
  KEYS[9+m+r]        streak protection        (prefix{channel}:guards: away:<id>, freezes:<id>, ...)
  ARGV[1]  user id
  ARGV[2]  m, how many monthly boards were read
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
if redis.call('SCARD', KEYS[7]) ~= months or redis.call('SCARD', KEYS[2]) ~= rounds then
  return 'stale'
end
local userId = ARGV[1]
redis.call('DEL', KEYS[1], KEYS[2])
redis.call('HDEL', KEYS[3], userId)
for i = 4, 6 do
  redis.call('ZREM', KEYS[i], userId)
end
for i = 9, 8 + months do
  redis.call('ZREM', KEYS[i], userId)
end
for i = 9 + months, 8 + months + rounds do
  redis.call('HDEL', KEYS[i], userId)
end
redis.call('HDEL', KEYS[9 + months + rounds], 'away:' .. userId, 'freezes:' .. userId, 'kept:' .. userId,
  'frozen:' .. userId)
redis.call('HSET', KEYS[8], ARGV[4], ARGV[5])
redis.call('PEXPIRE', KEYS[8], ARGV[6])
return 'forgotten'
