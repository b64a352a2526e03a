using System;

namespace Coap.Micro
{
    /// <summary>
    /// Entity-tags and conditional requests (RFC 7252 §5.10.6, §5.10.8, §5.9.1.3). Before a handler runs,
    /// the resource's current ETag is read (<see cref="CoapResource.GetETag"/>) and If-Match and
    /// If-None-Match are evaluated: when they fail the request gets 4.12 and the handler does not run.
    /// After a GET handler, a 2.05 whose representation matches an ETag the client sent becomes 2.03 Valid
    /// without payload; any other 2.05 carries the current ETag (on every block, RFC 7959 §2.4).
    /// </summary>
    internal sealed class ConditionalRequest
    {
        /// <summary>Longest entity-tag (RFC 7252 §5.10.6).</summary>
        internal const int MaxETagLength = 8;

        private readonly byte[] _etag = new byte[MaxETagLength];
        private int _etagLength;
        private int _validated;

        /// <summary>
        /// Reads the resource's current ETag for <paramref name="request"/> and evaluates its
        /// preconditions. True when the request may proceed; false with 4.12 Precondition Failed written.
        /// </summary>
        internal bool Evaluate(CoapResource resource, CoapMessage request, CoapResponse response)
        {
            ushort[] options = request._options;
            if (request._code != CoapCode.Get && options[CoapMessage.IfMatchAt] == 0)
            {
                // Only a GET's response carries the ETag (§5.10.6); other methods need it for If-Match alone.
                _validated = -1;
                _etagLength = 0;
                if (options[CoapMessage.IfNoneMatchAt] != 0 && resource.Exists)
                {
                    response.Reset(CoapCode.PreconditionFailed);
                    return false;
                }

                return true;
            }

            ReadETag(resource, request);
            _validated = request._code == CoapCode.Get && options[CoapMessage.ETagAt] != 0 ? FindValidator(request) : -1;
            if ((options[CoapMessage.IfMatchAt] != 0 && !IfMatchHolds(resource, request)) || (options[CoapMessage.IfNoneMatchAt] != 0 && resource.Exists))
            {
                response.Reset(CoapCode.PreconditionFailed);
                return false;
            }

            return true;
        }

        /// <summary>Reads the current ETag without preconditions (a notification, RFC 7641 §4.2).</summary>
        internal void ReadETag(CoapResource resource, CoapMessage request)
        {
            _validated = -1;
            _etagLength = resource.GetETag(request, _etag);
            if (_etagLength < 0 || _etagLength > MaxETagLength)
            {
                throw new InvalidOperationException("an ETag is 0 to 8 bytes");
            }
        }

        /// <summary>
        /// After a GET handler: a 2.05 the client already holds (it sent the current ETag) becomes 2.03
        /// Valid with that ETag and the handler's options (Max-Age refreshes the client's copy), without
        /// payload or Content-Format (§5.10.6.2, §5.9.1.3); any other 2.05 gets the current ETag unless
        /// the handler set one. A handler that tags its response itself with another ETag wrote a newer
        /// representation (the state changed on another thread since): that 2.05 goes as it is.
        /// </summary>
        internal void Apply(CoapResponse response)
        {
            if (response.Code != CoapCode.Content || _etagLength == 0)
            {
                return;
            }

            bool tagged = response.HasOption(CoapOption.ETag);
            if (_validated >= 0 && (!tagged || response.OptionEquals(CoapOption.ETag, _etag, 0, _etagLength)))
            {
                response.Code = CoapCode.Valid;
                response.ClearPayload();
                response.RemoveOptions(CoapOption.ContentFormat);
                response.RemoveOptions(CoapOption.ETag);
                response.AddOption(CoapOption.ETag, _etag, 0, _etagLength);
                return;
            }

            if (!tagged)
            {
                response.AddOption(CoapOption.ETag, _etag, 0, _etagLength);
            }
        }

        // §5.10.8.1: one of the If-Match values is the current ETag, or an empty one and the resource exists.
        private bool IfMatchHolds(CoapResource resource, CoapMessage request)
        {
            int first = request._options[CoapMessage.IfMatchAt] - 1;
            if (first < 0)
            {
                return true;
            }

            for (int i = first; i < request._optionCount && request.GetOptionNumber(i) == CoapOption.IfMatch; i++)
            {
                int length = request.GetOptionLength(i);
                if (length == 0 ? resource.Exists : (_etagLength > 0 && request.OptionValueEquals(i, _etag, 0, _etagLength)))
                {
                    return true;
                }
            }

            return false;
        }

        // §5.10.6.2: the index of the ETag option of a GET that names the current representation, or -1.
        private int FindValidator(CoapMessage request)
        {
            if (_etagLength == 0)
            {
                return -1;
            }

            for (int i = request._options[CoapMessage.ETagAt] - 1; i >= 0 && i < request._optionCount && request.GetOptionNumber(i) == CoapOption.ETag; i++)
            {
                if (request.OptionValueEquals(i, _etag, 0, _etagLength))
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
