--[[
  Sets a user's current practice question and moves it to the front of their recent questions.

  KEYS[1]  the open practice question   (prefix{user:<platform>:<id>}:practice, JSON)
  KEYS[2]  recent question ids          (prefix{user:<platform>:<id>}:practice:recent, newest first)
  ARGV[1]  practice state JSON (questionId, askedAt)
  ARGV[2]  question id
  ARGV[3]  how many recent ids to keep

  Guarantees: the open question is always the newest recent one, listed once.
]]
redis.call('SET', KEYS[1], ARGV[1])
local keep = tonumber(ARGV[3])
if keep <= 0 then
  redis.call('DEL', KEYS[2])
  return 1
end
redis.call('LREM', KEYS[2], 0, ARGV[2])
redis.call('LPUSH', KEYS[2], ARGV[2])
redis.call('LTRIM', KEYS[2], 0, keep - 1)
return 1
