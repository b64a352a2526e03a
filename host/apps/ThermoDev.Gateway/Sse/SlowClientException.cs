using System;

namespace ThermoDev.Gateway.Sse
{
    /// <summary>An SSE client's buffer filled up: it is disconnected (it may reconnect with Last-Event-ID).</summary>
    public sealed class SlowClientException : Exception
    {
        /// <summary>The exception with its standard message.</summary>
        public SlowClientException()
            : base("the client did not keep up with the events and was disconnected")
        {
        }

        /// <summary>The exception with <paramref name="message"/>.</summary>
        public SlowClientException(string message)
            : base(message)
        {
        }

        /// <summary>The exception with <paramref name="message"/> and its cause.</summary>
        public SlowClientException(string message, Exception innerException)
            : base(message, innerException)
        {
        }
    }
}
