namespace Coap.Http
{
    /// <summary>
    /// The outcome of reading a Target CoAP URI: the target, or why there is none (the failure, its
    /// HTTP status and a message for the response body). Bad input never throws.
    /// </summary>
    public sealed class TargetUriResult
    {
        private TargetUriResult(CoapTarget? target, GatewayFailure? failure, string? error)
        {
            Target = target;
            Failure = failure;
            Error = error;
        }

        /// <summary>The target when the URI was read; null otherwise.</summary>
        public CoapTarget? Target { get; }

        /// <summary>Why there is no target (<see cref="GatewayFailure.MalformedTarget"/> or <see cref="GatewayFailure.UnsupportedTarget"/>); null on success.</summary>
        public GatewayFailure? Failure { get; }

        /// <summary>What is wrong, in one sentence for the response body; null on success.</summary>
        public string? Error { get; }

        /// <summary>True when <see cref="Target"/> is set.</summary>
        public bool Success => Target != null;

        /// <summary>200 on success, else the failure's status (400 malformed, 501 unsupported).</summary>
        public int HttpStatus => Failure == null ? 200 : GatewayFailureStatus.ToHttpStatus(Failure.Value);

        internal static TargetUriResult Ok(CoapTarget target) => new TargetUriResult(target, null, null);

        internal static TargetUriResult Malformed(string error) => new TargetUriResult(null, GatewayFailure.MalformedTarget, error);

        internal static TargetUriResult Unsupported(string error) => new TargetUriResult(null, GatewayFailure.UnsupportedTarget, error);
    }
}
