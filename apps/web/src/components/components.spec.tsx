import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/errors';
import { Button } from './Button';
import { ErrorState } from './ErrorState';
import { ProgressBar } from './ProgressBar';

describe('ProgressBar', () => {
  it('exposes value, range and text to assistive tech', () => {
    render(<ProgressBar label="Backtest progress" value={42} />);
    const bar = screen.getByRole('progressbar', { name: 'Backtest progress' });
    expect(bar).toHaveAttribute('aria-valuenow', '42');
    expect(bar).toHaveAttribute('aria-valuemin', '0');
    expect(bar).toHaveAttribute('aria-valuemax', '100');
    expect(bar).toHaveAttribute('aria-valuetext', '42%');
  });

  it('clamps out-of-range values and omits aria-valuenow when indeterminate', () => {
    const { rerender } = render(<ProgressBar label="p" value={150} />);
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
    rerender(<ProgressBar label="p" value={null} />);
    expect(screen.getByRole('progressbar')).not.toHaveAttribute('aria-valuenow');
  });
});

describe('ErrorState', () => {
  it('shows an ApiError’s message and code', () => {
    render(<ErrorState error={new ApiError({ statusCode: 402, code: 'INSUFFICIENT_CREDITS', message: 'Not enough credits' })} />);
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Not enough credits');
    expect(alert).toHaveTextContent('INSUFFICIENT_CREDITS');
  });

  it('does not leak raw messages of unexpected errors', () => {
    render(<ErrorState error={new Error('x is undefined')} />);
    expect(screen.getByRole('alert')).toHaveTextContent('예기치 않은 오류가 발생했습니다.');
    expect(screen.getByRole('alert')).not.toHaveTextContent('x is undefined');
  });
});

describe('Button', () => {
  it('defaults to type=button and disables itself while loading', () => {
    const onClick = vi.fn();
    render(
      <Button loading onClick={onClick}>
        Save
      </Button>,
    );
    const button = screen.getByRole('button', { name: 'Save' });
    expect(button).toHaveAttribute('type', 'button');
    expect(button).toBeDisabled();
    expect(button).toHaveAttribute('aria-busy', 'true');
  });
});
