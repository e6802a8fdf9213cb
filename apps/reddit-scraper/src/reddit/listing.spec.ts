import { toListing } from './listing';

describe('toListing', () => {
  it('returns the raw data of each child and the cursors', () => {
    const body = {
      kind: 'Listing',
      data: { after: 't3_b', before: null, children: [{ kind: 't3', data: { id: 'a', extra: { keep: true } } }, { kind: 't3', data: { id: 'b' } }] },
    };
    expect(toListing(body)).toEqual({
      ok: true,
      listing: { items: [{ id: 'a', extra: { keep: true } }, { id: 'b' }], after: 't3_b', before: null },
    });
  });

  it('does not fail the page on a weird child: it is passed on for the normaliser to reject', () => {
    const body = { kind: 'Listing', data: { after: null, children: [42, { kind: 't3' }, { kind: 't1', data: 'x' }] } };
    expect(toListing(body)).toEqual({ ok: true, listing: { items: [42, { kind: 't3' }, 'x'], after: null, before: null } });
  });

  it.each([
    [null, 'not a JSON object'],
    [[], 'not a JSON object'],
    [{ kind: 't3', data: {} }, 'kind is not "Listing"'],
    [{ kind: 'Listing' }, 'no data object'],
    [{ kind: 'Listing', data: { children: {} } }, 'data.children is not an array'],
  ])('rejects %j: %s', (body, detail) => {
    expect(toListing(body)).toEqual({ ok: false, detail });
  });
});
