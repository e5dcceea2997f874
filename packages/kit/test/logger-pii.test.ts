import { Writable } from 'node:stream';
import { createLogger } from '../src';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, stream };
}

it('keeps statement values (parameters, Postgres detail) and phone/ID fields out of the log', () => {
  const { lines, stream } = capture();
  const logger = createLogger('test', 'info', stream as never);
  // What TypeORM throws when a statement fails: the values travel on the error.
  const driverError = Object.assign(new Error('null value in column "x" violates not-null constraint'), {
    code: '23502',
    detail: 'Failing row contains (13812345678, 430102199003071234).',
  });
  const err = Object.assign(new Error('null value in column "x" violates not-null constraint'), {
    query: 'INSERT INTO application (form) VALUES ($1)',
    parameters: ['{"leaderPhone":"13812345678"}'],
    driverError,
    code: '23502',
  });
  logger.error({ err, path: ['submitApplication'] }, 'unexpected error in resolver');
  logger.info(
    {
      phone: '13912345678',
      idNumber: '430102199003071234',
      form: { leaderPhone: '13712345678' },
    },
    'input',
  );

  const text = lines.join('');
  expect(text).not.toMatch(/13812345678|430102199003071234|13912345678|13712345678/);
  // What an operator needs stays: the statement, the code, the message.
  expect(text).toContain('INSERT INTO application (form) VALUES ($1)');
  expect(text).toContain('23502');
  expect(text).toContain('violates not-null constraint');
});
