using System;
using System.Net;
using System.Threading.Tasks;
using Coap.Micro;
using Coap.Micro.Dotnet;
using ThermoDev.Gateway.Forwarding;

namespace ThermoDev.Gateway.ResourceDirectory
{
    /// <summary>
    /// GET /.well-known/core (Accept application/link-format, block-wise when cut in blocks) from an
    /// endpoint, with the gateway's CoAP client: what simple registration (RFC 9176 §5.1) registers.
    /// </summary>
    public sealed class LinkFetcher
    {
        private const int ResponseCapacity = 4096;
        private readonly GatewayCoapClient _client;

        /// <summary>Fetches through <paramref name="client"/>, waiting at most its timeout.</summary>
        public LinkFetcher(GatewayCoapClient client)
        {
            ArgumentNullException.ThrowIfNull(client);
            _client = client;
        }

        /// <summary>The response (its outcome, code and payload) of GET /.well-known/core at <paramref name="endpoint"/>.</summary>
        public async Task<CoapResult> FetchAsync(IPEndPoint endpoint)
        {
            ArgumentNullException.ThrowIfNull(endpoint);
            var handler = new Handler();
            var request = new CoapRequest(ResponseCapacity, 4, 64) { Handler = handler };
            request.SetEndpoint(DotnetUdpTransport.ToEndpoint(endpoint));
            if (!request.SetPath("/.well-known/core") || !request.AddUIntOption(CoapOption.Accept, CoapContentFormat.LinkFormat))
            {
                return CoapResult.Failed(CoapOutcome.InvalidRequest);
            }

            if (_client.Client.Send(request) != CoapClientResult.Pending)
            {
                return CoapResult.Failed(CoapOutcome.Busy);
            }

            try
            {
                return await handler.Completion.Task.WaitAsync(_client.Timeout).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                _client.Client.Cancel(request);
                return CoapResult.Failed(CoapOutcome.Timeout);
            }
        }

        private sealed class Handler : ICoapResponseHandler
        {
            private CoapResult? _response;

            public TaskCompletionSource<CoapResult> Completion { get; } = new TaskCompletionSource<CoapResult>(TaskCreationOptions.RunContinuationsAsynchronously);

            public void Response(CoapRequest request, CoapMessage message) => _response = PendingExchange.Copy(request);

            public void Ended(CoapRequest request) =>
                Completion.TrySetResult(request.Result == CoapClientResult.Response && _response != null
                    ? _response
                    : CoapResult.Failed(request.Result == CoapClientResult.Reset ? CoapOutcome.Reset : CoapOutcome.Timeout));
        }
    }
}
