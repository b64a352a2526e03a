using System;
using Coap.Micro.Oscore;
using ThermoDev.Supervision;

namespace ThermoDev
{
    /// <summary>
    /// OSCORE on the board (RFC 8613), from the context in <see cref="DeviceSettings"/>: one security context, its
    /// Sender Sequence Number kept in the internal flash (<see cref="FlashSequenceNumberStore"/>, Appendix B.1.1).
    /// Without that storage the board cannot promise never to reuse a nonce, and it does not fall back to deriving
    /// a new context on every boot (Appendix B.2, which needs the client's part too): OSCORE stays off and writes are
    /// refused.
    /// </summary>
    public static class BoardOscore
    {
        /// <summary>The two files that take turns holding the Sender Sequence Number, on the internal flash.</summary>
        public const string SequenceFileA = "I:\\thermodev-oscore-sequence-a.bin";

        /// <summary>The second of the two files.</summary>
        public const string SequenceFileB = "I:\\thermodev-oscore-sequence-b.bin";

        /// <summary>True when DeviceSettings sets a Master Secret: OSCORE is wanted.</summary>
        public static bool Configured
        {
            get { return DeviceSettings.OscoreMasterSecret.Length > 0; }
        }

        /// <summary>
        /// The server's security from DeviceSettings, or null (told in <paramref name="log"/>) when OSCORE is not
        /// configured, the settings do not parse, or the flash cannot keep the sequence number.
        /// </summary>
        public static OscoreServerSecurity TryCreate(ILogSink log)
        {
            if (!Configured)
            {
                log.Line("OSCORE: off (DeviceSettings.OscoreMasterSecret is empty)");
                return null;
            }

            OscoreSecurityContext context;
            try
            {
                byte[] salt = FromHex(DeviceSettings.OscoreMasterSalt, "OscoreMasterSalt");
                byte[] idContext = FromHex(DeviceSettings.OscoreIdContext, "OscoreIdContext");
                context = new OscoreSecurityContext(
                    FromHex(DeviceSettings.OscoreMasterSecret, "OscoreMasterSecret"),
                    salt.Length == 0 ? null : salt,
                    FromHex(DeviceSettings.OscoreSenderId, "OscoreSenderId"),
                    FromHex(DeviceSettings.OscoreRecipientId, "OscoreRecipientId"),
                    idContext.Length == 0 ? null : idContext);
            }
            catch (ArgumentException e)
            {
                log.Line("OSCORE: off, writes refused: DeviceSettings is not a valid context: " + e.Message);
                return null;
            }

            OscoreSenderSequence sequence;
            try
            {
                // Writing the value back proves the flash takes writes before anything is protected.
                FlashSequenceNumberStore store = new FlashSequenceNumberStore(SequenceFileA, SequenceFileB);
                store.Store(store.Load());
                sequence = new OscoreSenderSequence(store, OscoreSenderSequence.DefaultBlock);
            }
            catch (Exception e)
            {
                log.Line("OSCORE: off, writes refused: the internal flash (I:) cannot keep the sequence number: " + e.Message);
                return null;
            }

            OscoreServerSecurity security = new OscoreServerSecurity(1);
            security.Add(context, sequence);
            log.Line("OSCORE: on (Sender ID " + DeviceSettings.OscoreSenderId + ", Recipient ID " + DeviceSettings.OscoreRecipientId
                + "): PUT needs OSCORE" + (DeviceSettings.OscoreProtectReads ? ", GET and Observe too" : "; GET and Observe with or without"));
            return security;
        }

        // Hex digits (either case) as bytes; an odd count or another character is an ArgumentException naming the setting.
        private static byte[] FromHex(string hex, string setting)
        {
            if ((hex.Length & 1) != 0)
            {
                throw new ArgumentException("DeviceSettings." + setting + " has an odd number of hex digits");
            }

            byte[] bytes = new byte[hex.Length / 2];
            for (int i = 0; i < bytes.Length; i++)
            {
                int high = Digit(hex[2 * i]);
                int low = Digit(hex[(2 * i) + 1]);
                if (high < 0 || low < 0)
                {
                    throw new ArgumentException("DeviceSettings." + setting + " is not hex");
                }

                bytes[i] = (byte)((high << 4) | low);
            }

            return bytes;
        }

        private static int Digit(char c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            if (c >= 'a' && c <= 'f')
            {
                return c - 'a' + 10;
            }

            return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        }
    }
}
