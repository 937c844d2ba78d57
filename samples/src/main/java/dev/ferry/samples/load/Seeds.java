package dev.ferry.samples.load;

/**
 * Everything random in a run is a pure function of the seed and an index (an object's number, an
 * operation's number): the same seed gives the same keys, sizes, content, operation order and
 * verification sample, and no state is shared between threads to get there.
 */
final class Seeds {
    /** Salts keep the streams drawn for different purposes independent of each other. */
    static final long SIZE = 0x5A17E5L;
    static final long CONTENT = 0xC0DE0FL;
    static final long OPERATION = 0x0BE4A7L;
    static final long SAMPLE = 0x5A3B1EL;

    private Seeds() {
    }

    /** SplitMix64's finaliser: a bijection on 64 bits that mixes every input bit into every output bit. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static long hash(long seed, long salt, long index) {
        return mix(mix(seed ^ salt * 0x9E3779B97F4A7C15L) + index * 0x9E3779B97F4A7C15L);
    }

    /** A uniform double in [0, 1). */
    static double unit(long seed, long salt, long index) {
        return (hash(seed, salt, index) >>> 11) * 0x1.0p-53;
    }
}
