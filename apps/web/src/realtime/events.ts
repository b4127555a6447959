/** The socket.io events of the backtest pipeline (server → owner only), shared with the server: one definition. */
export * from '../../../../libs/backtest/src/events/backtest-events';
