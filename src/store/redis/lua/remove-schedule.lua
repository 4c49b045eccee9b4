--[[
  Removes a channel's schedule and its post job. Rounds already open keep their reveal jobs.

  KEYS[1]  schedules hash           (prefix{jobs}:schedules)
  KEYS[2]  jobs sorted set          (prefix{jobs}:queue)
  KEYS[3]  optional: the scheduled channels of the schedule's space (prefix{jobs}:space:<space>)
  ARGV[1]  channel id
  ARGV[2]  the post job's member    (post|<channel id>)

  Guarantees: no post job outlives its schedule, so no claimer posts for a removed schedule.
]]
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('ZREM', KEYS[2], ARGV[2])
if KEYS[3] then
  redis.call('SREM', KEYS[3], ARGV[1])
end
return 1
