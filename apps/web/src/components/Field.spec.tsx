import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors';
import { Field } from './Field';

describe('Field', () => {
  it('labels its input and shows no errors by default', () => {
    render(<Field label="Symbol" name="symbol" hint="e.g. 005930" />);
    const input = screen.getByLabelText('Symbol');
    expect(input).not.toHaveAttribute('aria-invalid');
    expect(input).toHaveAccessibleDescription('e.g. 005930');
    expect(screen.queryByRole('list')).not.toBeInTheDocument();
  });

  it('lists every error message under the field and marks the input invalid', () => {
    render(<Field label="Symbol" errors={['symbol must not be empty', 'symbol must be 6 digits']} />);
    const input = screen.getByLabelText('Symbol');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    const items = screen.getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual(['symbol must not be empty', 'symbol must be 6 digits']);
    expect(input).toHaveAccessibleDescription('symbol must not be empty symbol must be 6 digits');
  });

  it('shows the messages an ApiError carries for that field', () => {
    const error = new ApiError({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: 'Invalid request',
      details: {
        fields: [
          { field: 'initialCapital', messages: ['initialCapital must be a positive number'] },
          { field: 'symbol', messages: ['symbol must be a string'] },
        ],
      },
    });
    render(
      <>
        <Field label="Initial capital" errors={error.messagesFor('initialCapital')} />
        <Field label="Symbol" errors={error.messagesFor('symbol')} />
        <Field label="Strategy" errors={error.messagesFor('strategy')} />
      </>,
    );
    expect(screen.getByLabelText('Initial capital')).toHaveAccessibleDescription(
      'initialCapital must be a positive number',
    );
    expect(screen.getByLabelText('Symbol')).toHaveAccessibleDescription('symbol must be a string');
    expect(screen.getByLabelText('Strategy')).not.toHaveAttribute('aria-invalid');
  });

  it('wires a custom control through the render prop', async () => {
    render(
      <Field label="Market" errors={['pick a market']}>
        {(control) => (
          <select {...control} defaultValue="">
            <option value="">—</option>
            <option value="krx">KRX</option>
          </select>
        )}
      </Field>,
    );
    const select = screen.getByLabelText('Market');
    expect(select.tagName).toBe('SELECT');
    expect(select).toHaveAttribute('aria-invalid', 'true');
    expect(select).toHaveAccessibleDescription('pick a market');
    await userEvent.selectOptions(select, 'krx');
    expect(select).toHaveValue('krx');
  });
});
