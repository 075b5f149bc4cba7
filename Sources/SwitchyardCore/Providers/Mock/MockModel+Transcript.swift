import NIOCore

extension MockModel {
    /// The mock's speech recognition: a transcript whose length follows the audio's.
    enum Transcript {
        /// Words a second of audio yields.
        static let wordsPerSecond = 2.5

        private static let vocabulary = [
            "switchyard", "mock", "audio", "signal", "river", "station", "morning", "lantern", "harbor", "quiet",
            "meadow", "engine", "copper", "window", "garden", "lemon", "northern", "valley", "ticket", "orbit",
            "paper", "silver", "bridge", "thunder", "market", "violet", "canyon", "ember", "falcon", "granite",
            "island", "journey", "kettle", "ladder", "marble", "nectar", "ocean", "pepper", "quartz", "ribbon",
        ]

        /// `max(1, round(seconds × 2.5))` words chosen by a SplitMix64 sequence seeded by `seed`.
        static func words(seconds: Double, seed: UInt64) -> [String] {
            let count = max(1, Int((max(seconds, 0) * wordsPerSecond).rounded()))
            var state = seed
            return (0..<count).map { _ in vocabulary[Int(Hashing.splitMix(&state) % UInt64(vocabulary.count))] }
        }

        /// Words as a sentence: the first capitalised, a full stop at the end.
        static func sentence(_ words: [String]) -> String {
            guard let first = words.first else { return "" }
            return ([first.prefix(1).uppercased() + first.dropFirst()] + words.dropFirst()).joined(separator: " ") + "."
        }

        /// The duration the mock hears in `bytes`: the container's, else one second per 32,000
        /// bytes (16 kHz 16-bit mono).
        static func seconds(of bytes: ByteBuffer, filename: String?, contentType: String?) -> Double {
            AudioDuration.seconds(of: bytes, filename: filename, contentType: contentType) ?? Double(bytes.readableBytes) / 32000
        }
    }
}
