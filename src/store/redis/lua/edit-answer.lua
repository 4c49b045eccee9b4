--[[
  Replaces the text of a counted answer when the edited message is the one that was counted.

  KEYS[1]  the round's hash         (prefix{channel}:round:<round id>)
  KEYS[2]  the round's answers      (prefix{channel}:answers:<round id>)
  ARGV[1]  user id
  ARGV[2]  message id of the edited message
  ARGV[3]  the new text
  ARGV[4]  when the edit arrived, ms

  Returns 'updated', 'ignored' (no answer from the user, or another message) or 'closed'.
  Guarantees: an edit never lands after the reveal read the answers. cjson keeps `at` exact: it
  prints 14 significant digits and epoch milliseconds have 13 until the year 2286.
]]
local round = redis.call('HMGET', KEYS[1], 'state', 'revealAt')
if round[1] ~= 'open' or tonumber(ARGV[4]) >= tonumber(round[2]) then
  return 'closed'
end
local stored = redis.call('HGET', KEYS[2], ARGV[1])
if not stored then
  return 'ignored'
end
local answer = cjson.decode(stored)
if answer.messageId ~= ARGV[2] then
  return 'ignored'
end
answer.text = ARGV[3]
redis.call('HSET', KEYS[2], ARGV[1], cjson.encode(answer))
return 'updated'
