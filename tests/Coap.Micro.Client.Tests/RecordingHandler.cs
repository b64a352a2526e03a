using Coap.Micro;

namespace ThermoDev.Tests.Client
{
    /// <summary>Remembers what the client told it: each response as text with its code and Observe value, and the end.</summary>
    public sealed class RecordingHandler : ICoapResponseHandler
    {
        /// <summary>Responses delivered.</summary>
        public int Responses;

        /// <summary>Times <see cref="Ended"/> was called.</summary>
        public int Ends;

        /// <summary>Payload of the last response (ASCII).</summary>
        public string LastText;

        /// <summary>Every payload delivered, separated by '|'.</summary>
        public string Texts = string.Empty;

        /// <summary>Code of the last response.</summary>
        public byte LastCode;

        /// <summary>Result when it ended.</summary>
        public CoapClientResult EndResult = CoapClientResult.Pending;

        /// <summary>A request to send again from <see cref="Ended"/>, with <see cref="Client"/>.</summary>
        public CoapClient Client;

        /// <summary>Result of the blocking call tried from the handler (WrongThread expected), or Pending.</summary>
        public CoapClientResult BlockingFromHandler = CoapClientResult.Pending;

        /// <summary>True: the handler tries a blocking call on <see cref="Client"/> when told of a response.</summary>
        public bool TryBlocking;

        /// <summary>True: the handler throws when told of a response.</summary>
        public bool Throw;

        /// <inheritdoc/>
        public void Response(CoapRequest request, CoapMessage message)
        {
            Responses++;
            LastCode = request.Code;
            char[] text = new char[request.PayloadLength];
            for (int i = 0; i < text.Length; i++)
            {
                text[i] = (char)request.ResponseBuffer[request.PayloadOffset + i];
            }

            LastText = new string(text);
            Texts = Texts.Length == 0 ? LastText : Texts + "|" + LastText;
            if (TryBlocking)
            {
                BlockingFromHandler = Client.Request(new CoapRequest(16), 10);
            }

            if (Throw)
            {
                throw new System.InvalidOperationException("handler fault");
            }
        }

        /// <inheritdoc/>
        public void Ended(CoapRequest request)
        {
            Ends++;
            EndResult = request.Result;
        }
    }
}
