--[[
  Records where a round's question was posted and indexes its thread for incoming replies.

  KEYS[1]  the round's hash         (prefix{channel}:round:<round id>)
  KEYS[2]  thread index hash        (prefix{channel}:threads: thread id -> round id)
  KEYS[3]  revealed threads zset    (prefix{channel}:threads:revealed, by revealAt)
  ARGV[1]  message id of the post
  ARGV[2]  thread id
  ARGV[3]  round id

  Returns 1, or 0 when the round does not exist (nothing is written).
  Guarantees: a round with a post is always findable by its thread, and a thread never points at a
  round that does not exist. A post attached after the reveal is queued for trimming like any other.
]]
local round = redis.call('HMGET', KEYS[1], 'state', 'revealAt')
if not round[1] then
  return 0
end
redis.call('HSET', KEYS[1], 'postMessageId', ARGV[1], 'postThreadId', ARGV[2])
redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
if round[1] == 'revealed' then
  redis.call('ZADD', KEYS[3], round[2], ARGV[2])
end
return 1
