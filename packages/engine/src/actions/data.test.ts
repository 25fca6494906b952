import { describe, expect, it } from 'vitest';
import { flow, run } from '../testing/harness.js';

describe('data actions', () => {
  it('Compose outputs its evaluated inputs', async () => {
    const result = await run(flow({ C: { type: 'Compose', inputs: { a: '@add(1, 2)', b: ['@{concat(\'x\', \'y\')}'], c: null } } }));
    expect(result.outputs('C')).toEqual({ a: 3, b: ['xy'], c: null });
  });

  it('ParseJson parses text and checks it against the schema', async () => {
    const schema = { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' } }, required: ['id'] };
    const result = await run(
      flow({
        Good: { type: 'ParseJson', inputs: { content: '{"id": 7, "name": "Ada"}', schema } },
        Bad: { type: 'ParseJson', inputs: { content: { name: null }, schema } },
        NotJson: { type: 'ParseJson', inputs: { content: '{oops', schema: {} } },
        Use: { type: 'Compose', inputs: "@body('Good')?['name']", runAfter: { Good: ['Succeeded'] } },
      }),
    );
    expect(result.outputs('Good')).toEqual({ body: { id: 7, name: 'Ada' } });
    expect(result.outputs('Use')).toBe('Ada');
    expect(result.status('Bad')).toBe('Failed');
    expect(result.byKey.Bad?.error?.message).toMatch(/does not match its schema: .*id/);
    expect(result.byKey.NotJson?.error).toMatchObject({ code: 'InvalidJSON' });
  });

  it('Query keeps the elements whose condition holds', async () => {
    const result = await run(
      flow({
        Q: { type: 'Query', inputs: { from: [{ n: 1 }, { n: 5 }, { n: 9 }], where: "@greater(item()?['n'], 3)" } },
        Empty: { type: 'Query', inputs: { from: [1, 2], where: '@equals(item(), 3)' } },
        NotArray: { type: 'Query', inputs: { from: 'text', where: '@true' } },
      }),
    );
    expect(result.outputs('Q')).toEqual({ body: [{ n: 5 }, { n: 9 }] });
    expect(result.outputs('Empty')).toEqual({ body: [] });
    expect(result.byKey.NotArray?.error?.message).toContain("'from' of action 'NotArray' must be an array");
  });

  it('Select maps with an object or a single expression', async () => {
    const result = await run(
      flow({
        Obj: { type: 'Select', inputs: { from: [{ first: 'Ada', last: 'L' }], select: { name: "@{item()?['first']} @{item()?['last']}", one: 1 } } },
        One: { type: 'Select', inputs: { from: [1, 2, 3], select: '@mul(item(), 10)' } },
      }),
    );
    expect(result.outputs('Obj')).toEqual({ body: [{ name: 'Ada L', one: 1 }] });
    expect(result.outputs('One')).toEqual({ body: [10, 20, 30] });
  });

  it('Join writes elements the way the service stringifies them', async () => {
    const result = await run(flow({ J: { type: 'Join', inputs: { from: ['a', 1, true, null, { k: 1 }], joinWith: '|' } } }));
    expect(result.outputs('J')).toEqual({ body: 'a|1|True||{"k":1}' });
  });

  it('Table writes CSV and HTML, with automatic or given columns', async () => {
    const rows = [{ name: 'Ada, L', note: 'say "hi"' }, { name: '<b>', note: 'x' }];
    const result = await run(
      flow({
        Csv: { type: 'Table', inputs: { from: rows, format: 'CSV' } },
        Html: { type: 'Table', inputs: { from: rows, format: 'HTML', columns: [{ header: 'Who', value: "@item()?['name']" }] } },
        Bad: { type: 'Table', inputs: { from: rows, format: 'XLSX' } },
      }),
    );
    expect(result.outputs('Csv')).toEqual({ body: 'name,note\r\n"Ada, L","say ""hi"""\r\n<b>,x\r\n' });
    expect(result.outputs('Html')).toEqual({ body: '<table><thead><tr><th>Who</th></tr></thead><tbody><tr><td>Ada, L</td></tr><tr><td>&lt;b&gt;</td></tr></tbody></table>' });
    expect(result.byKey.Bad?.error?.message).toContain('"CSV" or "HTML"');
  });
});
