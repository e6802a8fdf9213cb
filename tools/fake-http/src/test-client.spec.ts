import { ManualClock, readWhole } from './test-client';

describe('ManualClock', () => {
  it('moves only when told to', () => {
    const clock = new ManualClock(1000);
    expect(clock.now()).toBe(1000);
    clock.advance(500);
    expect(clock.now()).toBe(1500);
    clock.set(10);
    expect(clock.now()).toBe(10);
  });
});

describe('readWhole', () => {
  it('reads the text and parses JSON', async () => {
    const read = await readWhole(new Response('{"a":1}', { status: 201, headers: { 'x-h': 'v' } }));
    expect(read).toMatchObject({ status: 201, text: '{"a":1}', json: { a: 1 } });
    expect(read.headers.get('x-h')).toBe('v');
  });

  it('leaves json undefined when the body is not JSON', async () => {
    expect((await readWhole(new Response('<html>'))).json).toBeUndefined();
  });
});
