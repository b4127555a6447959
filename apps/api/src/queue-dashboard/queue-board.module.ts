import { Module } from '@nestjs/common';
import { AuthModule } from '@app/auth';
import { QueueBoard } from './queue-board';

/** Bull Board at /admin/queues (mounted by createApiApp). */
@Module({ imports: [AuthModule], providers: [QueueBoard], exports: [QueueBoard] })
export class QueueBoardModule {}
