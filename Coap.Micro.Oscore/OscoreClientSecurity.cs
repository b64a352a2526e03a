namespace Coap.Micro.Oscore
{
    /// <summary>
    /// OSCORE for a CoapClient (Coap.Micro.Client; RFC 8613): set it as the client's <c>Security</c> and name a context in each
    /// request to protect (<c>CoapRequest.SecurityContext</c>, the number <see cref="Add"/> returned). It holds one
    /// security context per server the client talks to, each with the Sender Sequence Number its requests take their
    /// Partial IVs from (§7.2.1, Appendix B.1.1). Loop thread only; nothing is allocated after <see cref="Attach"/>.
    /// </summary>
    public sealed class OscoreClientSecurity : ICoapClientSecurity
    {
        // Room for the longer option deltas of up to 32 options split into inner and outer ones.
        private const int OptionSlack = 64;

        private readonly OscoreSecurityContext[] contexts;
        private readonly OscoreSenderSequence[] sequences;
        private OscoreProtector[] protectors;
        private int messageSize;
        private int count;
        private byte[] plain;
        private byte[] wire;
        private long responsePartialIv = -1;
        private int decryptionFailed;
        private int notProtected;

        /// <summary>Room for up to <paramref name="maxContexts"/> security contexts (one per server).</summary>
        public OscoreClientSecurity(int maxContexts)
        {
            if (maxContexts < 1)
            {
                throw new System.ArgumentOutOfRangeException("maxContexts");
            }

            contexts = new OscoreSecurityContext[maxContexts];
            sequences = new OscoreSenderSequence[maxContexts];
        }

        /// <summary>Number of security contexts added.</summary>
        public int Count
        {
            get { return count; }
        }

        /// <summary>Responses with an OSCORE option that did not decode or verify (RFC 8613 §8.4 step 2, 5).</summary>
        public int DecryptionFailed
        {
            get { return decryptionFailed; }
        }

        /// <summary>Responses to a protected request that carried no OSCORE option.</summary>
        public int NotProtected
        {
            get { return notProtected; }
        }

        /// <summary>
        /// Adds the context for one server, with the Sender Sequence Number it protects with (kept across restarts by its
        /// store); returns the number a request names it by. Before the client's loop runs.
        /// </summary>
        public int Add(OscoreSecurityContext context, OscoreSenderSequence sequence)
        {
            if (context == null)
            {
                throw new System.ArgumentNullException("context");
            }

            if (sequence == null)
            {
                throw new System.ArgumentNullException("sequence");
            }

            if (count == contexts.Length)
            {
                throw new System.InvalidOperationException("no room for another security context");
            }

            contexts[count] = context;
            sequences[count] = sequence;
            if (protectors != null)
            {
                protectors[count] = new OscoreProtector(context, messageSize);
            }

            return count++;
        }

        /// <inheritdoc/>
        public void Attach(int maxMessageSize)
        {
            if (plain != null)
            {
                throw new System.InvalidOperationException("already attached to a client");
            }

            // A request grows by the OSCORE option with kid and kid context, the tag, and up to 2 bytes per option
            // whose delta grows when the options are split (OscoreProtector.MaxOverhead).
            messageSize = maxMessageSize;
            plain = new byte[maxMessageSize];
            int longestIdContext = 0;
            for (int i = 0; i < count; i++)
            {
                byte[] id = contexts[i].IdContext;
                if (id != null && id.Length > longestIdContext)
                {
                    longestIdContext = id.Length;
                }
            }

            wire = new byte[maxMessageSize + OscoreProtector.MaxOverhead + OscoreSecurityContext.MaxIdSize + longestIdContext + OptionSlack];
            protectors = new OscoreProtector[contexts.Length];
            for (int i = 0; i < count; i++)
            {
                protectors[i] = new OscoreProtector(contexts[i], maxMessageSize);
            }
        }

        /// <inheritdoc/>
        public byte[] WireBuffer
        {
            get { return wire; }
        }

        /// <inheritdoc/>
        public byte[] PlainBuffer
        {
            get { return plain; }
        }

        /// <inheritdoc/>
        public long ResponsePartialIv
        {
            get { return responsePartialIv; }
        }

        /// <inheritdoc/>
        public bool HasContext(int context)
        {
            return context >= 0 && context < count;
        }

        /// <inheritdoc/>
        public long NextPartialIv(int context)
        {
            OscoreSenderSequence sequence = sequences[context];
            if (sequence.Exhausted)
            {
                return -1;
            }

            try
            {
                return sequence.Next();
            }
            catch (System.Exception)
            {
                // The store could not keep the block's end: no number may be used (Appendix B.1.1).
                return -1;
            }
        }

        /// <inheritdoc/>
        public int ProtectRequest(int context, byte[] message, int length, long partialIv)
        {
            try
            {
                return protectors[context].ProtectRequest(message, 0, length, partialIv, wire, 0);
            }
            catch (System.ArgumentException)
            {
                // An OSCORE or Proxy-Uri option in the plain request: it cannot be protected (§4.1.3.3).
                return -1;
            }
        }

        /// <inheritdoc/>
        public int UnprotectResponse(int context, byte[] message, int length, long requestPartialIv)
        {
            OscoreProtector protector = protectors[context];
            int result = protector.UnprotectResponse(message, 0, length, requestPartialIv, plain, 0);
            if (result >= 0)
            {
                responsePartialIv = protector.ResponsePartialIv;
                return result;
            }

            responsePartialIv = -1;
            if (result == OscoreProtector.ResultNotProtected)
            {
                notProtected++;
                return -1;
            }

            decryptionFailed++;
            return -2;
        }
    }
}
