import { ApiProperty } from '@nestjs/swagger';

export class LivenessDto {
  @ApiProperty({ example: 'ok' }) status!: 'ok';
  @ApiProperty({ description: 'Seconds since this process started' }) uptimeSeconds!: number;
}

export class DependencyStatusDto {
  @ApiProperty({ enum: ['postgres', 'redis', 'queue'] }) name!: 'postgres' | 'redis' | 'queue';
  @ApiProperty() ok!: boolean;
  @ApiProperty({ description: 'Round-trip time of the probe, in milliseconds' }) latencyMs!: number;
  @ApiProperty({ required: false }) error?: string;
}

export class ReadinessDto {
  @ApiProperty({ enum: ['ready', 'unavailable'] }) status!: 'ready' | 'unavailable';
  @ApiProperty({ type: [DependencyStatusDto] }) dependencies!: DependencyStatusDto[];
}
