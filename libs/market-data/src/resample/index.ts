export {
  ResampleError,
  bucketStart,
  resample,
  resampleTargets,
  type ResampleErrorCode,
  type ResampleOptions,
} from './resample';
