package scot.sirgateway.bench;

/** The benchmark could not measure what it set out to, or the gateway broke a guarantee: the run fails with this. */
final class BenchmarkFailure extends RuntimeException {

    BenchmarkFailure(String message) {
        super(message);
    }
}
