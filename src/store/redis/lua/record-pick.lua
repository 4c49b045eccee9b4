--[[
  Records a user's pick on an open button round. The first pick counts exactly like a first answer
  (record-answer.lua: streak, best, total, monthly count, boards, a freeze every 10th round of a
  streak, continuity through a protected round); a later pick only replaces the
  option in the stored answer, so a user counts once per round however often they change their mind.

  KEYS[1]   the round's hash        (prefix{channel}:round:<round id>)
  KEYS[2]   the round's answers     (prefix{channel}:answers:<round id>: user id -> answer JSON)
  KEYS[3]   the user's stats hash   (prefix{channel}:user:<user id>)
  KEYS[4]   rounds the user answered (prefix{channel}:answered:<user id>, for forgetting them)
  KEYS[5]   names hash              (prefix{channel}:names)
  KEYS[6]   streak board            (prefix{channel}:board:streak)
  KEYS[7]   best-streak board       (prefix{channel}:board:best)
  KEYS[8]   total board             (prefix{channel}:board:total)
  KEYS[9]   this month's board      (prefix{channel}:board:month:<YYYY-MM>)
  KEYS[10]  months with a board     (prefix{channel}:months)
  KEYS[11]  tombstones              (prefix{channel}:forgotten: tombstone id -> forget-me time)
  KEYS[12]  streak protection       (prefix{channel}:guards: freezes:<user id>, kept:<user id>, ...)
  ARGV[1]  round id
  ARGV[2]  user id
  ARGV[3]  user's display name
  ARGV[4]  answer JSON of a first pick (userId, userName, text '', messageId '', at, pick)
  ARGV[5]  when the pick arrived, ms
  ARGV[6]  YYYY-MM of the pick in the round's timezone
  ARGV[7]  the user's tombstone id (keys.ts)
  ARGV[8]  when the user last asked to be forgotten on this platform, ms, or ''
  ARGV[9]  the option picked (0 = a)

  Returns 'recorded' (first pick, counted), 'changed' (another option than before; counts as they
  were), 'unchanged' (the same option again), 'closed' (no such round, revealed, or at/after
  revealAt) or 'forgotten' (sent at or before the user's forget-me).
  Guarantees: each user counts once per round, and stats and boards never disagree with the picks,
  however many clicks arrive at once.
]]
local round = redis.call('HMGET', KEYS[1], 'state', 'revealAt', 'seq')
if round[1] ~= 'open' or tonumber(ARGV[5]) >= tonumber(round[2]) then
  return 'closed'
end
local forgottenAt = math.max(tonumber(ARGV[8]) or -1, tonumber(redis.call('HGET', KEYS[11], ARGV[7])) or -1)
if tonumber(ARGV[5]) <= forgottenAt then
  return 'forgotten'
end
local option = tonumber(ARGV[9])
if redis.call('HSETNX', KEYS[2], ARGV[2], ARGV[4]) == 0 then
  local earlier = cjson.decode(redis.call('HGET', KEYS[2], ARGV[2]))
  if earlier.pick == option then
    return 'unchanged'
  end
  earlier.pick = option
  redis.call('HSET', KEYS[2], ARGV[2], cjson.encode(earlier))
  return 'changed'
end

-- @include count-first-answer
