import { describe, expect, it } from 'vitest';
import { SeenEvents } from '../../../src/adapters/slack/seen-events.ts';
import { adminIn, UserDirectory } from '../../../src/adapters/slack/user-directory.ts';
import { silentLogger } from '../../../src/ports/logger.ts';

type Info = ConstructorParameters<typeof UserDirectory>[0]['info'];

function fakeUsersInfo(
  users: Record<string, { is_admin?: boolean; is_owner?: boolean; display_name?: string; real_name?: string }>,
) {
  const asked: string[] = [];
  const info = (async ({ user }: { user: string }) => {
    asked.push(user);
    const found = users[user];
    if (!found) throw new Error('user_not_found');
    return {
      ok: true,
      user: {
        id: user,
        name: user.toLowerCase(),
        real_name: found.real_name,
        is_admin: found.is_admin,
        is_owner: found.is_owner,
        profile: { display_name: found.display_name },
      },
    };
  }) as unknown as Info;
  return { info, asked };
}

describe('slack user directory', () => {
  it('names users by display name, then real name, then handle', async () => {
    const { info } = fakeUsersInfo({
      U1: { display_name: 'Ann', real_name: 'Ann Lee' },
      U2: { display_name: '', real_name: 'Bo Chen' },
      U3: {},
    });
    const directory = new UserDirectory({ info }, { adminUsers: [], logger: silentLogger });
    expect((await directory.lookup('U1'))?.name).toBe('Ann');
    expect((await directory.lookup('U2'))?.name).toBe('Bo Chen');
    expect((await directory.lookup('U3'))?.name).toBe('u3');
  });

  it('counts workspace admins, owners and listed users as admins', async () => {
    const { info } = fakeUsersInfo({ UA: { is_admin: true }, UO: { is_owner: true }, UL: {}, UN: {} });
    const directory = new UserDirectory({ info }, { adminUsers: ['UL'], logger: silentLogger });
    expect((await directory.lookup('UA'))?.isAdmin).toBe(true);
    expect((await directory.lookup('UO'))?.isAdmin).toBe(true);
    expect((await directory.lookup('UL'))?.isAdmin).toBe(true);
    expect((await directory.lookup('UN'))?.isAdmin).toBe(false);
    expect(directory.isListedAdmin('UL')).toBe(true);
  });

  it('asks Slack again only after the cache time, and shares one call between concurrent lookups', async () => {
    const { info, asked } = fakeUsersInfo({ U1: { is_admin: false } });
    let now = 0;
    const directory = new UserDirectory(
      { info },
      { adminUsers: [], logger: silentLogger, ttlMs: 1_000, now: () => now },
    );
    await Promise.all([directory.lookup('U1'), directory.lookup('U1')]);
    now = 999;
    await directory.lookup('U1');
    expect(asked).toEqual(['U1']);
    now = 1_000;
    await directory.lookup('U1');
    expect(asked).toEqual(['U1', 'U1']);
  });

  it('remembers a user for five minutes by default, so a role change takes up to five minutes', async () => {
    const { info, asked } = fakeUsersInfo({ U1: { is_admin: false } });
    let now = 0;
    const directory = new UserDirectory({ info }, { adminUsers: [], logger: silentLogger, now: () => now });
    await directory.lookup('U1');
    now = 5 * 60_000 - 1;
    await directory.lookup('U1');
    expect(asked).toEqual(['U1']);
    now = 5 * 60_000;
    await directory.lookup('U1');
    expect(asked).toEqual(['U1', 'U1']);
  });

  it('returns null on failure, remembers it for a minute, then tries again', async () => {
    const { info, asked } = fakeUsersInfo({});
    let now = 0;
    const directory = new UserDirectory({ info }, { adminUsers: [], logger: silentLogger, now: () => now });
    expect(await directory.lookup('UX')).toBeNull();
    expect(await directory.lookup('UX')).toBeNull();
    expect(asked).toEqual(['UX']);
    now = 60_000;
    expect(await directory.lookup('UX')).toBeNull();
    expect(asked).toEqual(['UX', 'UX']);
  });

  it('asks nobody while Slack rate-limits users.info, until its Retry-After has passed', async () => {
    const asked: string[] = [];
    const info = (async ({ user }: { user: string }) => {
      asked.push(user);
      throw Object.assign(new Error('rate limited'), { code: 'slack_webapi_rate_limited_error', retryAfter: 30 });
    }) as unknown as Info;
    let now = 0;
    const directory = new UserDirectory({ info }, { adminUsers: [], logger: silentLogger, now: () => now });
    for (const user of ['U1', 'U2', 'U3']) expect(await directory.lookup(user)).toBeNull();
    expect(asked).toEqual(['U1']);
    now = 30_000;
    await directory.lookup('U2');
    expect(asked).toEqual(['U1', 'U2']);
  });

  it('grants admin rights only to admins of the installing team or organisation', () => {
    const admin = { id: 'U1', name: 'Ann', isAdmin: true, teamId: 'T1' };
    expect(adminIn(admin, { teamId: 'T1' }, false)).toBe(true);
    expect(adminIn({ ...admin, teamId: 'TOTHER' }, { teamId: 'T1' }, false)).toBe(false);
    expect(adminIn({ ...admin, teamId: 'TOTHER' }, { teamId: 'T1' }, true)).toBe(true);
    expect(adminIn({ ...admin, teamId: 'T2', enterpriseId: 'E1' }, { teamId: 'T1', enterpriseId: 'E1' }, false)).toBe(
      true,
    );
    expect(adminIn({ ...admin, isAdmin: false }, { teamId: 'T1' }, false)).toBe(false);
  });
});

describe('slack seen events', () => {
  it('sees an id for the first time once', () => {
    const seen = new SeenEvents(10);
    expect(seen.firstSight('Ev1')).toBe(true);
    expect(seen.firstSight('Ev1')).toBe(false);
  });

  it('forgets the oldest ids beyond its capacity', () => {
    const seen = new SeenEvents(2);
    seen.firstSight('Ev1');
    seen.firstSight('Ev2');
    seen.firstSight('Ev3');
    expect(seen.firstSight('Ev1')).toBe(true);
    expect(seen.firstSight('Ev3')).toBe(false);
  });
});
