import { toListing } from './listing';

describe('toListing', () => {
  it('returns each child as sent (kind and data) and the cursors', () => {
    const children = [{ kind: 't3', data: { id: 'a', extra: { keep: true } } }, { kind: 't3', data: { id: 'b' } }];
    const body = { kind: 'Listing', data: { after: 't3_b', before: null, children } };
    expect(toListing(body, 123)).toEqual({ ok: true, listing: { items: children, after: 't3_b', before: null, bytes: 123 } });
  });

  it('does not fail the page on a weird child: it is passed on for the normaliser to reject', () => {
    const children = [42, { kind: 't3' }, { kind: 't1', data: 'x' }];
    const body = { kind: 'Listing', data: { after: null, children } };
    expect(toListing(body)).toEqual({ ok: true, listing: { items: children, after: null, before: null, bytes: 0 } });
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
