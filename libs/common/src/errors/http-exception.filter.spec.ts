import { BadRequestException, NotFoundException } from '@nestjs/common';
import { AppException } from './app.exception';
import { toErrorBody } from './http-exception.filter';

describe('toErrorBody', () => {
  it('keeps the code and details of an AppException', () => {
    const { body, unexpected } = toErrorBody(new AppException(402, 'INSUFFICIENT_CREDITS', 'Not enough', { balance: 1 }));
    expect(body).toEqual({ statusCode: 402, code: 'INSUFFICIENT_CREDITS', message: 'Not enough', details: { balance: 1 } });
    expect(unexpected).toBe(false);
  });

  it('gives Nest HTTP exceptions a code from their status', () => {
    expect(toErrorBody(new NotFoundException('Cannot GET /x')).body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    expect(toErrorBody(new BadRequestException(['a', 'b'])).body.message).toBe('a; b');
  });

  it('maps a body-parser JSON error to 400 MALFORMED_JSON', () => {
    const err = Object.assign(new SyntaxError('Unexpected token'), { status: 400, type: 'entity.parse.failed' });
    expect(toErrorBody(err).body).toMatchObject({ statusCode: 400, code: 'MALFORMED_JSON' });
  });

  it('hides unknown errors behind a 500 without the stack', () => {
    const { body, unexpected } = toErrorBody(new Error('secret internals'));
    expect(body).toEqual({ statusCode: 500, code: 'INTERNAL_ERROR', message: 'An unexpected error occurred' });
    expect(unexpected).toBe(true);
  });
});
