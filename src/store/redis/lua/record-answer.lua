--[[
  Records a user's first answer to an open round with its streak, total, monthly count and board
  effects. Same rules as src/core/streaks.ts (applyAnswer, freezesAfterAnswer): a streak grows when
  the user's previous answer, or their latest protected round (away or a freeze), was the round just
  before (by sequence number), else it starts again at 1; every 10th round of a streak earns a
  freeze, up to 2 held.

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
  KEYS[13]  optional, on a single Redis only: the user's own tombstone (prefix{forgotten:<id>}), in
            another slot, read here so a reply costs one round trip; on a cluster ARGV[8] carries it
  ARGV[1]  round id
  ARGV[2]  user id
  ARGV[3]  user's display name
  ARGV[4]  answer JSON (userId, userName, text, messageId, at)
  ARGV[5]  when the answer arrived, ms
  ARGV[6]  YYYY-MM of the answer in the round's timezone
  ARGV[7]  the user's tombstone id (a one-way hash of platform and user id, keys.ts)
  ARGV[8]  when the user last asked to be forgotten on this platform, ms, or '' (on a cluster, read
           from the tombstone's slot just before; KEYS[11] covers a forget-me that ran since)

  Returns 'recorded', 'duplicate' (the user already answered; nothing changes), 'closed' (no such
  round, revealed, or at/after revealAt) or 'forgotten' (sent at or before the user's forget-me:
  recording it would undo the forgetting; a reply sent after it is a fresh start). A user whose counted message was deleted may answer
  again: the new answer replaces the deleted one, with no second count.
  Guarantees: each user counts once per round, and stats and boards never disagree with the answers,
  however many replies arrive at once.
]]
local round = redis.call('HMGET', KEYS[1], 'state', 'revealAt', 'seq')
if round[1] ~= 'open' or tonumber(ARGV[5]) >= tonumber(round[2]) then
  return 'closed'
end
local forgottenAt = math.max(tonumber(ARGV[8]) or -1, tonumber(redis.call('HGET', KEYS[11], ARGV[7])) or -1)
if KEYS[13] then
  forgottenAt = math.max(forgottenAt, tonumber(redis.call('GET', KEYS[13])) or -1)
end
if tonumber(ARGV[5]) <= forgottenAt then
  return 'forgotten'
end
if redis.call('HSETNX', KEYS[2], ARGV[2], ARGV[4]) == 0 then
  -- A reply after the counted message was deleted (delete-answer.lua) takes its place; the
  -- streak and boards already counted the answer, so nothing else changes.
  if cjson.decode(redis.call('HGET', KEYS[2], ARGV[2])).deleted then
    redis.call('HSET', KEYS[2], ARGV[2], ARGV[4])
    return 'recorded'
  end
  return 'duplicate'
end

-- @include count-first-answer
