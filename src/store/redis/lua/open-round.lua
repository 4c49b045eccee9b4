--[[
  Opens a round: the next sequence number, the round's hash, the open-round pointer and the
  rotation, all at once. The reveal job lives in the {jobs} slot, so the caller queues it in the same
  pipeline (before this script: a reveal job for a round that never opened is harmless, an open round
  without one would never close).

  KEYS[1]  channel state hash       (prefix{channel}:state: seq, open, cycle, lastQuestion, ...)
  KEYS[2]  the round's hash         (prefix{channel}:round:<round id>)
  KEYS[3]  rotation set             (prefix{channel}:rotation)
  ARGV[1]  round id
  ARGV[2]  question id
  ARGV[3]  postedAt, ms
  ARGV[4]  revealAt, ms
  ARGV[5]  timezone
  ARGV[6]  '1' to start a new rotation cycle first, else '0'
  ARGV[7]  openedAt, ms (when the caller opened it; postedAt is the slot)

  Returns {'opened', seq}, {'exists', <the round's HGETALL>} or {'busy', <open round id>}.
  Guarantees: one round per id however many processes ask, at most one open round per channel, and
  consecutive sequence numbers (which streaks count on).
]]
if redis.call('EXISTS', KEYS[2]) == 1 then
  return {'exists', redis.call('HGETALL', KEYS[2])}
end
local open = redis.call('HGET', KEYS[1], 'open')
if open then
  return {'busy', open}
end
local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
redis.call('HSET', KEYS[2],
  'id', ARGV[1], 'seq', seq, 'questionId', ARGV[2], 'postedAt', ARGV[3], 'revealAt', ARGV[4],
  'timezone', ARGV[5], 'state', 'open', 'openedAt', ARGV[7])
redis.call('HSET', KEYS[1], 'open', ARGV[1], 'lastQuestion', ARGV[2])
if ARGV[6] == '1' then
  redis.call('DEL', KEYS[3])
  redis.call('HINCRBY', KEYS[1], 'cycle', 1)
end
redis.call('SADD', KEYS[3], ARGV[2])
return {'opened', seq}
