/** The metadata of one Embedded Metric Format line. */
export interface EmfDirective {
  Namespace: string;
  Dimensions: string[][];
  Metrics: { Name: string; Unit: string }[];
}

/** One EMF log line, parsed: the `_aws` block plus the dimension and metric members. */
export interface EmfLine {
  _aws: { Timestamp: number; CloudWatchMetrics: EmfDirective[] };
  [member: string]: unknown;
}

/**
 * Parses the lines written by an EMF emitter and checks each is what CloudWatch accepts: JSON with
 * `_aws.Timestamp`, at least one directive, and every named dimension and metric present as a
 * member (a number or an array of numbers for metrics). Throws on the first bad line.
 */
export const parseEmfLines = (output: string): EmfLine[] =>
  output
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const parsed = JSON.parse(line) as EmfLine;
      const aws = parsed._aws;
      if (
        typeof aws?.Timestamp !== 'number' ||
        !Array.isArray(aws.CloudWatchMetrics) ||
        aws.CloudWatchMetrics.length === 0
      ) {
        throw new Error(`Not an EMF line: ${line}`);
      }
      for (const directive of aws.CloudWatchMetrics) {
        for (const dimension of directive.Dimensions.flat()) {
          if (typeof parsed[dimension] !== 'string') throw new Error(`Dimension ${dimension} missing in: ${line}`);
        }
        for (const { Name } of directive.Metrics) {
          const value = parsed[Name];
          const numeric =
            typeof value === 'number' || (Array.isArray(value) && value.every((v) => typeof v === 'number'));
          if (!numeric) throw new Error(`Metric ${Name} has no numeric value in: ${line}`);
        }
      }
      return parsed;
    });
