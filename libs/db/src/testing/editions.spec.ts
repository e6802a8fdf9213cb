import { communityUnavailableNotice, EDITION_ENV, testEditions } from './editions';

describe('testEditions', () => {
  it('lists oss alone without a community server, and both once the global setup found one', () => {
    expect(testEditions({})).toEqual(['oss']);
    expect(testEditions({ [EDITION_ENV.community.adminUrl]: 'postgres://postgres@127.0.0.1:55442/postgres' })).toEqual(['oss', 'community']);
  });
});

describe('communityUnavailableNotice', () => {
  it('says that the community tests did not run, why, and the three ways to run them', () => {
    const notice = communityUnavailableNotice('no Docker engine is reachable');
    expect(notice).toContain('COMMUNITY EDITION NOT TESTED');
    expect(notice).toContain('Why: no Docker engine is reachable');
    expect(notice).toContain('.local/vendor/');
    expect(notice).toContain('timescale/timescaledb:2.19.3-pg15');
    expect(notice).toContain('TEST_COMMUNITY_DATABASE_URL');
  });
});
