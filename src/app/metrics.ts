/**
 * Prometheus metrics, kept out of the core: the app wraps the quiz, the adapters and the store in
 * thin decorators that count and time what passes through them.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { splitChannelId } from '../core/types.ts';
import type { ChatAdapter, InboundHandler } from '../ports/chat.ts';
import type { Store } from '../ports/store.ts';

export class Metrics {
  readonly registry = new Registry();
  readonly roundsPosted = new Counter({
    name: 'quizthread_rounds_posted_total',
    help: 'Questions posted into channels',
    labelNames: ['platform'],
    registers: [this.registry],
  });
  readonly roundsRevealed = new Counter({
    name: 'quizthread_rounds_revealed_total',
    help: 'Rounds revealed',
    labelNames: ['platform'],
    registers: [this.registry],
  });
  readonly answers = new Counter({
    name: 'quizthread_thread_messages_total',
    help: 'Thread replies by outcome (recorded, duplicate, late, ignored, unavailable)',
    labelNames: ['platform', 'outcome'],
    registers: [this.registry],
  });
  readonly commandSeconds = new Histogram({
    name: 'quizthread_command_duration_seconds',
    help: 'Time to answer a /quiz command, per platform',
    labelNames: ['platform'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly schedulerLag = new Gauge({
    name: 'quizthread_scheduler_lag_seconds',
    help: 'How late the last scheduler tick started',
    registers: [this.registry],
  });
  readonly tickSeconds = new Histogram({
    name: 'quizthread_tick_duration_seconds',
    help: 'Time a scheduler tick took',
    buckets: [0.001, 0.01, 0.05, 0.1, 0.5, 1, 5],
    registers: [this.registry],
  });
  readonly storeErrors = new Counter({
    name: 'quizthread_store_errors_total',
    help: 'Store (Redis) operations that failed',
    labelNames: ['operation'],
    registers: [this.registry],
  });

  readonly processFaults = new Counter({
    name: 'quizthread_process_faults_total',
    help: 'Unhandled rejections and uncaught exceptions the process guard caught (see process-guard.ts)',
    labelNames: ['kind'],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'quizthread_' });
  }

  /** Reports how many channels have a schedule, read from the store at each scrape. */
  watchSchedules(store: Store): void {
    new Gauge({
      name: 'quizthread_scheduled_channels',
      help: 'Channels with a daily schedule (from the store; absent while it is unreachable)',
      registers: [this.registry],
      async collect() {
        try {
          this.set(await store.countSchedules());
        } catch {
          this.reset();
        }
      },
    });
  }
}

/** Times commands and counts thread-message outcomes on their way into the quiz. */
export function measureInbound(inner: InboundHandler, metrics: Metrics): InboundHandler {
  return {
    async command(request) {
      const end = metrics.commandSeconds.startTimer({ platform: splitChannelId(request.channel).platform });
      try {
        return await inner.command(request);
      } finally {
        end();
      }
    },
    async threadMessage(message) {
      const outcome = await inner.threadMessage(message);
      metrics.answers.inc({ platform: splitChannelId(message.channel).platform, outcome });
      return outcome;
    },
    threadMessageEdited: (message) => inner.threadMessageEdited(message),
    pick: (request) => inner.pick(request),
    practicePick: (request) => inner.practicePick(request),
    submitSuggestion: (request) => inner.submitSuggestion(request),
    decideSuggestion: (request) => inner.decideSuggestion(request),
    threadMessageDeleted: (message) => inner.threadMessageDeleted(message),
    channelsGone: (channels, reason) => inner.channelsGone(channels, reason),
    practiceReveal: (channel, caller, questionId) => inner.practiceReveal(channel, caller, questionId),
    roundFeedback: (channel, caller, roundId) => inner.roundFeedback(channel, caller, roundId),
  };
}

/** Counts posts and reveals that reached the platform. */
export function measureAdapter(adapter: ChatAdapter, metrics: Metrics): ChatAdapter {
  return new Proxy(adapter, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (property === 'postQuestion' || property === 'postReveal') {
        const counter = property === 'postQuestion' ? metrics.roundsPosted : metrics.roundsRevealed;
        return async (...args: unknown[]) => {
          const result = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          counter.inc({ platform: target.platform });
          return result;
        };
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** Counts failed store operations by name. */
export function measureStore(store: Store, metrics: Metrics): Store {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        try {
          return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        } catch (error) {
          metrics.storeErrors.inc({ operation: String(property) });
          throw error;
        }
      };
    },
  });
}
