--[[
  Saves a channel's schedule and (re)places its post job.

  KEYS[1]  schedules hash           (prefix{jobs}:schedules)
  KEYS[2]  jobs sorted set          (prefix{jobs}:queue)
  KEYS[3]  optional: the scheduled channels of the schedule's space (prefix{jobs}:space:<space>)
  ARGV[1]  channel id
  ARGV[2]  schedule JSON
  ARGV[3]  the post job's member    (post|<channel id>)
  ARGV[4]  when the post is due, ms since the epoch

  Guarantees: nobody sees the new schedule with the old post time, or the reverse.
]]
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[4], ARGV[3])
if KEYS[3] then
  redis.call('SADD', KEYS[3], ARGV[1])
end
return 1
