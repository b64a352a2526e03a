using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Coap.Micro;
using Coap.Micro.Dotnet;

namespace ThermoDev.Gateway.Forwarding
{
    /// <summary>
    /// A reusable CoAP request and the bridge from the client's callbacks to a Task: the handler runs on
    /// the client's loop thread, copies the response out of the request's buffer, completes the Task
    /// (its continuations run elsewhere) and hands the request back to its pool once it has ended.
    /// </summary>
    internal sealed class PendingExchange : ICoapResponseHandler
    {
        /// <summary>Largest response representation assembled (block-wise, RFC 7959) for a caller.</summary>
        public const int ResponseCapacity = 16 * 1024;

        private readonly Action<PendingExchange> _release;
        private TaskCompletionSource<CoapResult> _completion = NewCompletion();
        private readonly object _gate = new object();
        private CoapResult? _response;
        private int _generation;
        private bool _ended = true;
        private DeviceSecurity? _security;
        private string _device = string.Empty;

        public PendingExchange(Action<PendingExchange> release)
        {
            _release = release;
            Request = new CoapRequest(ResponseCapacity, 16, 256) { Handler = this };
        }

        public CoapRequest Request { get; }

        /// <summary>The device's places this use holds, released with the request.</summary>
        public SemaphoreSlim? Slots { get; set; }

        public Task<CoapResult> Completion => _completion.Task;

        /// <summary>Counts the uses of this request, so a late cancel cannot hit the next use.</summary>
        public int Generation => _generation;

        /// <summary>Sets the request up for <paramref name="call"/>; false when it does not fit a request.</summary>
        public bool Prepare(CoapCall call, CoapEndpoint endpoint, DeviceSecurity security)
        {
            _security = security;
            _device = call.Device.Name;
            lock (_gate)
            {
                _completion = NewCompletion();
                _response = null;
                _generation++;
                _ended = false;
            }

            CoapRequest request = Request;
            request.ClearOptions();
            request.Method = call.Method;
            request.SetEndpoint(endpoint);
            request.SecurityContext = security.ContextOf(call.Device.Name);
            if (!request.SetPath(call.PathAndQuery))
            {
                return false;
            }

            bool fits = true;
            if (call.Accept != CoapContentFormat.None)
            {
                fits &= request.AddUIntOption(CoapOption.Accept, (uint)call.Accept);
            }

            if (call.ContentFormat != CoapContentFormat.None)
            {
                fits &= request.AddUIntOption(CoapOption.ContentFormat, (uint)call.ContentFormat);
            }

            foreach (byte[] etag in call.ETags)
            {
                fits &= request.AddOption(CoapOption.ETag, etag, 0, etag.Length);
            }

            foreach (byte[] etag in call.IfMatch)
            {
                fits &= request.AddOption(CoapOption.IfMatch, etag, 0, etag.Length);
            }

            if (call.IfNoneMatch)
            {
                fits &= request.AddOption(CoapOption.IfNoneMatch, Array.Empty<byte>(), 0, 0);
            }

            request.SetPayload(call.Payload, 0, call.Payload.Length);
            return fits;
        }

        /// <summary>Marks a prepared request that was never sent as ended.</summary>
        public void Abandon()
        {
            lock (_gate)
            {
                _ended = true;
            }
        }

        /// <inheritdoc/>
        public void Response(CoapRequest request, CoapMessage message)
        {
            CoapResult response = Copy(request) with { HasMaxAgeOption = message.FindOption(CoapOption.MaxAge) >= 0 };
            if (message.FindOption(CoapOption.LocationPath) >= 0 || message.FindOption(CoapOption.LocationQuery) >= 0)
            {
                response = response with { LocationPath = Strings(message, CoapOption.LocationPath), LocationQuery = Strings(message, CoapOption.LocationQuery) };
            }

            _response = response;
        }

        /// <inheritdoc/>
        public void Ended(CoapRequest request)
        {
            CoapResult result = request.Result switch
            {
                CoapClientResult.Response when _response != null => _response,
                CoapClientResult.Reset => CoapResult.Failed(CoapOutcome.Reset),
                CoapClientResult.ProtectionFailed when _security != null =>
                    CoapResult.Failed(CoapOutcome.ProtectionFailed) with { OscoreFailure = _security.Failed(_device, request), Code = request.Code },
                CoapClientResult.TooLarge or CoapClientResult.Malformed or CoapClientResult.RepresentationChanged => CoapResult.Failed(CoapOutcome.BadResponse),
                _ => CoapResult.Failed(CoapOutcome.Timeout),
            };
            lock (_gate)
            {
                _ended = true;
                _completion.TrySetResult(result);
            }

            _release(this);
        }

        /// <summary>Cancels use <paramref name="generation"/> of the request if it has not ended yet (never a later use).</summary>
        public void Cancel(CoapClient client, int generation)
        {
            lock (_gate)
            {
                if (!_ended && generation == _generation)
                {
                    client.Cancel(Request);
                }
            }
        }

        /// <summary>Copies the response's summary and payload out of <paramref name="request"/>'s buffers.</summary>
        public static CoapResult Copy(CoapRequest request)
        {
            var etag = new byte[request.ETagLength];
            request.CopyETag(etag, 0);
            byte[] payload = request.ResponseBuffer.AsSpan(request.PayloadOffset, request.PayloadLength).ToArray();
            return new CoapResult(CoapOutcome.Response, request.Code, request.ContentFormat, request.MaxAge, etag, payload, Environment.TickCount64);
        }

        // The values of every option numbered so, as UTF-8 text (RFC 7252 §5.10.7).
        private static List<string> Strings(CoapMessage message, int number)
        {
            var values = new List<string>();
            for (int i = 0; i < message.OptionCount; i++)
            {
                if (message.GetOptionNumber(i) == number)
                {
                    values.Add(System.Text.Encoding.UTF8.GetString(message.Buffer, message.GetOptionOffset(i), message.GetOptionLength(i)));
                }
            }

            return values;
        }

        // Continuations never run on the client's loop thread.
        private static TaskCompletionSource<CoapResult> NewCompletion() =>
            new TaskCompletionSource<CoapResult>(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
