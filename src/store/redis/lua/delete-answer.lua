--[[
  Marks a counted answer as deleted when its message is deleted before the reveal: the text goes,
  the streak, totals and boards stay (the answer was given), and record-answer.lua lets the
  author's next reply take its place.

  KEYS[1]  the round's hash         (prefix{channel}:round:<round id>)
  KEYS[2]  the round's answers      (prefix{channel}:answers:<round id>)
  ARGV[1]  message id of the deleted message
  ARGV[2]  when the deletion arrived, ms

  Returns 'updated', 'ignored' (no counted answer has that message) or 'closed'.
  Guarantees: a deletion never lands after the reveal read the answers. Platforms do not always
  say who deleted a message, so the answer is found by its message id among the round's answers
  (one per person who answered, so a short scan).
]]
local round = redis.call('HMGET', KEYS[1], 'state', 'revealAt')
if round[1] ~= 'open' or tonumber(ARGV[2]) >= tonumber(round[2]) then
  return 'closed'
end
local entries = redis.call('HGETALL', KEYS[2])
for i = 1, #entries, 2 do
  local answer = cjson.decode(entries[i + 1])
  if answer.messageId == ARGV[1] and not answer.deleted then
    answer.text = ''
    answer.deleted = true
    redis.call('HSET', KEYS[2], entries[i], cjson.encode(answer))
    return 'updated'
  end
end
return 'ignored'
