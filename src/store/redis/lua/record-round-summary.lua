--[[
  Records a revealed round's digest summary once, and who answered in the channel for the first time.

  KEYS[1]  summaries hash        (prefix{channel}:digest:summaries: round id -> summary JSON)
  KEYS[2]  summary times zset    (prefix{channel}:digest:summaries:times: round id by reveal time)
  KEYS[3]  newcomers hash        (prefix{channel}:digest:newcomers: round id -> JSON array of people)
  KEYS[4]  answerers seen set    (prefix{channel}:digest:seen: user ids)
  ARGV[1]  round id
  ARGV[2]  revealed at, ms
  ARGV[3]  the summary JSON (without newcomers)
  ARGV[4]  retention, ms: summaries revealed longer than this before ARGV[2] are dropped
  ARGV[5], ARGV[6], ...  per answerer: their user id, then their person JSON ({"id","name"})

  Returns { summary JSON, newcomers JSON }: the first call's for this round, whichever call this is.
  Guarantees: one summary per round however many replicas or retries record it; an answerer is a
  newcomer in exactly one round of the channel, because the seen set changes in the same step.
]]
local existing = redis.call('HGET', KEYS[1], ARGV[1])
if existing then
  return { existing, redis.call('HGET', KEYS[3], ARGV[1]) or '[]' }
end
local fresh = {}
for i = 5, #ARGV, 2 do
  if redis.call('SADD', KEYS[4], ARGV[i]) == 1 then
    fresh[#fresh + 1] = ARGV[i + 1]
  end
end
-- Built as text: cjson would encode an empty table as {} rather than [].
local newcomers = '[' .. table.concat(fresh, ',') .. ']'
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
redis.call('HSET', KEYS[3], ARGV[1], newcomers)
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
local cutoff = tonumber(ARGV[2]) - tonumber(ARGV[4])
local old = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', '(' .. cutoff)
for _, id in ipairs(old) do
  redis.call('HDEL', KEYS[1], id)
  redis.call('HDEL', KEYS[3], id)
end
if #old > 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', '(' .. cutoff)
end
return { ARGV[3], newcomers }
