--[[
  Claims the reveal of an open round: marks it revealed, clears the open-round pointer, drops users
  who did not answer it from the current-streak board unless the round is protected for them, and
  returns the round, its answers and the freezes it used.

  KEYS[1]  the round's hash         (prefix{channel}:round:<round id>)
  KEYS[2]  the round's answers      (prefix{channel}:answers:<round id>)
  KEYS[3]  channel state hash       (prefix{channel}:state)
  KEYS[4]  streak board             (prefix{channel}:board:streak)
  KEYS[5]  thread index hash        (prefix{channel}:threads)
  KEYS[6]  revealed threads zset    (prefix{channel}:threads:revealed, by revealAt)
  KEYS[7]  streak protection        (prefix{channel}:guards: away:<id>, freezes:<id>, kept:<id>, frozen:<id>)
  KEYS[8]  names hash               (prefix{channel}:names)
  ARGV[1]  round id
  ARGV[2]  how long a revealed round is kept, ms
  ARGV[3]  how long its answers (with their texts) are kept, ms: only long enough to post the reveal

  Protection follows src/core/streaks.ts (judgeMiss): a user on the streak board who did not answer
  keeps their streak, without adding to it, when their absence ends after the round was posted, or
  else by using a freeze; either way their kept:<id> becomes this round's seq, so the next answer
  continues the streak and they stay on the board.

  Returns {<round HGETALL>, <answers HGETALL>, {user id, name, freezes left, ...}}, or nil when the round is not open (unknown, or
  revealed by another process). A round that was never posted (no thread) is cancelled instead:
  state 'cancelled', no answers, and neither revealedSeq nor the streak board moves, because nobody
  could see it; its sequence number is handed back so the next round continues every streak.
  Guarantees: each round is revealed exactly once. Afterwards the streak board holds exactly the
  users whose current streak (src/core/streaks.ts: currentStreak) is above zero: only one round is
  open at a time, so the board holds the answerers of this round and of the one before it, and the
  latter drop out here unless they answered this one too. Revealed rounds, their answers (sooner:
  after the reveal only its coverage is shown) and, a retention later, their thread index entries
  expire, so memory stays flat; open rounds never do.
]]
if redis.call('HGET', KEYS[1], 'state') ~= 'open' then
  return nil
end
local round = redis.call('HMGET', KEYS[1], 'seq', 'revealAt', 'postThreadId', 'postedAt')
local seq, revealAt, threadId, postedAt = tonumber(round[1]), tonumber(round[2]), round[3], tonumber(round[4])
local retention = tonumber(ARGV[2])
local answerRetention = tonumber(ARGV[3])

if redis.call('HGET', KEYS[3], 'open') == ARGV[1] then
  redis.call('HDEL', KEYS[3], 'open')
end
if not threadId then
  redis.call('HSET', KEYS[1], 'state', 'cancelled')
  -- Only one round is open at a time, so an open round's seq is the channel's latest.
  if tonumber(redis.call('HGET', KEYS[3], 'seq') or 0) == seq then
    redis.call('HINCRBY', KEYS[3], 'seq', -1)
  end
  redis.call('PEXPIRE', KEYS[1], retention)
  redis.call('PEXPIRE', KEYS[2], answerRetention)
  return {redis.call('HGETALL', KEYS[1]), {}, {}}
end

-- announcePending: cleared once the reveal message is out, so a lost one is posted again.
redis.call('HSET', KEYS[1], 'state', 'revealed', 'announcePending', '1')
local frozen = {}
if seq >= tonumber(redis.call('HGET', KEYS[3], 'revealedSeq') or 0) then
  redis.call('HSET', KEYS[3], 'revealedSeq', seq, 'revealedRound', ARGV[1])
  for _, userId in ipairs(redis.call('ZRANGE', KEYS[4], 0, -1)) do
    if redis.call('HEXISTS', KEYS[2], userId) == 0 then
      local awayUntil = tonumber(redis.call('HGET', KEYS[7], 'away:' .. userId) or -1)
      local freezes = tonumber(redis.call('HGET', KEYS[7], 'freezes:' .. userId) or 0)
      if awayUntil > postedAt then
        redis.call('HSET', KEYS[7], 'kept:' .. userId, seq)
      elseif freezes > 0 then
        redis.call('HSET', KEYS[7], 'freezes:' .. userId, freezes - 1, 'kept:' .. userId, seq,
          'frozen:' .. userId, seq)
        frozen[#frozen + 1] = userId
        frozen[#frozen + 1] = redis.call('HGET', KEYS[8], userId) or userId
        frozen[#frozen + 1] = freezes - 1
      else
        redis.call('ZREM', KEYS[4], userId)
      end
    end
  end
end

redis.call('PEXPIRE', KEYS[1], retention)
redis.call('PEXPIRE', KEYS[2], answerRetention)
if threadId then
  redis.call('ZADD', KEYS[6], revealAt, threadId)
end
local cutoff = '(' .. string.format('%.0f', revealAt - retention)
local stale = redis.call('ZRANGEBYSCORE', KEYS[6], '-inf', cutoff)
if #stale > 0 then
  redis.call('HDEL', KEYS[5], unpack(stale))
  redis.call('ZREMRANGEBYSCORE', KEYS[6], '-inf', cutoff)
end

return {redis.call('HGETALL', KEYS[1]), redis.call('HGETALL', KEYS[2]), frozen}
