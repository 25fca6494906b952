import { describe, expect, it } from 'vitest';
import type { JsonContext } from '../expressions/json-host.js';
import { wdl, wdlError } from '../expressions/test-kit.js';

const getUserBody = { FullName: 'Contoso Corporation', Id: 283541717, FollowersCount: 172 };
const uploadBody = {
  '$content-type': 'multipart/form-data',
  '$multipart': [
    { headers: { 'Content-Disposition': 'form-data; name="file"' }, body: { '$content-type': 'text/plain', '$content': 'aGk=' } },
    { headers: { 'Content-Disposition': 'form-data; name=note' }, body: 'second part' },
  ],
};

const context: JsonContext = {
  parameters: { fullName: 'Sophia Owen', $connections: { office365: { connectionId: '/c/1' } } },
  variables: { numItems: 20, Counter: 1 },
  triggerOutputs: {
    headers: { 'Content-Type': 'application/json', 'X-MS-APIM-Tokens': 'e30=' },
    body: { id: 7, feedUrl: 'https://feeds.example/rss' },
    queries: { page: '2' },
  },
  actions: {
    Get_user: { outputs: { statusCode: 200, headers: { Pragma: 'no-cache' }, body: getUserBody }, status: 'Succeeded' },
    Send_an_email: {
      outputs: { body: { '$content-type': 'application/x-www-form-urlencoded', '$content': 'U3ViamVjdD1IZWxsbyUyMHdvcmxkJnRvPWEmdG89Yg==' } },
    },
    Upload: { outputs: { body: uploadBody } },
    Failed_call: { outputs: { statusCode: 500 }, status: 'Failed', error: { code: 'InternalServerError' } },
  },
  items: { Apply_to_each: { name: 'row 1' } },
  item: { name: 'current' },
  iterationIndexes: { Until_Max_Increment: 3 },
  results: { Scope: [{ name: 'HTTP', status: 'Succeeded' }] },
  workflow: { id: '/workflows/w1', name: 'w1', run: { name: '0858CU22' }, tags: { flowDisplayName: 'My flow', environmentName: 'Default-1' } },
  callbackUrl: 'https://brook.example/hooks/abc',
  appsettings: { Region: 'west' },
};

describe('reference examples', () => {
  it.each([
    ["@actions('Get_user').outputs.body.FullName", 'Contoso Corporation'],
    ["@actions('Get_user').status", 'Succeeded'],
    ["@actionBody('Get_user')", getUserBody],
    ["@body('Get_user')", getUserBody],
    ["@outputs('Get_user').statusCode", 200],
    ["@actionOutputs('Get_user').headers.Pragma", 'no-cache'],
    ["@parameters('fullName')", 'Sophia Owen'],
    ["@variables('numItems')", 20],
    ["@triggerFormDataValue('feedUrl')", 'https://feeds.example/rss'],
    ["@triggerFormDataMultiValues('feedUrl')", ['https://feeds.example/rss']],
    ["@formDataValue('Send_an_email', 'Subject')", 'Hello world'],
    ["@formDataMultiValues('Send_an_email', 'Subject')", ['Hello world']],
    ["@items('Apply_to_each').name", 'row 1'],
    ['@item().name', 'current'],
    ["@iterationIndexes('Until_Max_Increment')", 3],
    ['@workflow().run.name', '0858CU22'],
    ["@{workflow()['tags']['flowDisplayName']}", 'My flow'],
    ['@listCallbackUrl()', 'https://brook.example/hooks/abc'],
    ["@result('Scope')[0].status", 'Succeeded'],
    ["@appsetting('Region')", 'west'],
    ["@appsetting('Missing')", null],
  ])('%s is %j', (text, expected) => {
    expect(wdl(text, context)).toEqual(expected);
  });

  it('trigger(), triggerOutputs() and triggerBody()', () => {
    expect(wdl('@triggerBody().id', context)).toBe(7);
    expect(wdl("@triggerOutputs()['queries']['page']", context)).toBe('2');
    expect(wdl('@trigger().outputs.body.id', context)).toBe(7);
    expect(wdl("@json(decodeBase64(triggerOutputs().headers['X-MS-APIM-Tokens']))", context)).toEqual({});
    expect(wdl('@triggerBody()', { triggerBody: 'raw text' })).toBe('raw text');
    expect(wdl('@triggerBody()', {})).toBeNull();
  });
});

describe('names', () => {
  it('matches variables, parameters and actions ignoring case', () => {
    expect(wdl("@variables('counter')", context)).toBe(1);
    expect(wdl("@parameters('FULLNAME')", context)).toBe('Sophia Owen');
    expect(wdl("@body('get_USER').Id", context)).toBe(283541717);
  });

  it('reads $connections the way Logic Apps definitions do', () => {
    expect(wdl("@parameters('$connections')['office365']['connectionId']", context)).toBe('/c/1');
  });

  it('explains what is missing', () => {
    expect(wdlError("@variables('nope')", context).message).toContain("The variable 'nope' is not initialized (defined: 'numItems', 'Counter')");
    expect(wdlError("@parameters('nope')", context).message).toContain("The workflow parameter 'nope' is not defined");
    expect(wdlError("@outputs('Nope')", context).message).toContain("The action 'Nope' does not exist or has not run (defined: 'Get_user'");
    expect(wdlError("@items('Other_loop')", context).message).toContain("items('Other_loop') is only available inside the Foreach loop 'Other_loop'");
    expect(wdlError('@action()', context).code).toBe('NotAvailable');
    expect(wdlError('@listCallbackUrl()', {}).code).toBe('NotAvailable');
    expect(wdlError('@item()', {}).message).toContain('item() is only available inside a Foreach loop');
  });

  it('names agentParameters() as unavailable rather than unknown', () => {
    expect(wdlError("@agentParameters('CSV Payload')", context).message).toContain("'agentParameters' is only available in the tools of an Agent action, which Brook does not run (asked for 'CSV Payload').");
  });

  it('needs string names', () => {
    expect(wdlError('@variables(1)', context).message).toContain("The 1st argument of 'variables' must be a string; got the integer 1.");
  });
});

describe('action records', () => {
  it('keep status and error of failed actions', () => {
    expect(wdl("@actions('Failed_call')", context)).toEqual({
      name: 'Failed_call',
      status: 'Failed',
      outputs: { statusCode: 500 },
      error: { code: 'InternalServerError' },
    });
    expect(wdl("@body('Failed_call')", context)).toBeNull();
  });
});

describe('multipart and form data', () => {
  it('reads parts by index and fields by name', () => {
    expect(wdl("@multipartBody('Upload', 0)", context)).toEqual({ '$content-type': 'text/plain', '$content': 'aGk=' });
    expect(wdl("@{multipartBody('Upload', 0)}", context)).toBe('hi');
    expect(wdl("@multipartBody('Upload', 1)", context)).toBe('second part');
    expect(wdl("@formDataValue('Upload', 'note')", context)).toBe('second part');
    expect(wdl('@triggerMultipartBody(1)', { triggerBody: uploadBody })).toBe('second part');
  });

  it('fails on several values, missing fields and missing parts', () => {
    expect(wdlError("@formDataValue('Send_an_email', 'to')", context).message).toContain(
      "'formDataValue' found 2 values for the form field 'to' in the body of 'Send_an_email'; use formDataMultiValues() to get them all.",
    );
    expect(wdl("@formDataMultiValues('Send_an_email', 'to')", context)).toEqual(['a', 'b']);
    expect(wdlError("@formDataValue('Send_an_email', 'cc')", context).code).toBe('NotFound');
    expect(wdlError("@multipartBody('Upload', 2)", context).message).toContain("The 2nd argument of 'multipartBody' is 2, but the body of 'Upload' has 2 parts (indexes 0 to 1).");
    expect(wdlError("@multipartBody('Get_user', 0)", context).message).toContain("needs a multipart body");
  });
});
