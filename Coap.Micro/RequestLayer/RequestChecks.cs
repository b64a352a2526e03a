namespace Coap.Micro
{
    /// <summary>
    /// The checks a request passes before its handler runs, in the order RFC 7252 gives them: options
    /// (§5.4.1; a Block option with the reserved SZX 7 is 4.00, RFC 7959 §2.2), proxying (§5.7.2), method (§5.8), path, the protection requirement (OSCORE, RFC 8613), the write policy for POST, PUT and DELETE
    /// (§5.9.2.4), Content-Format (§5.10.3), Accept (§5.10.4), and last the preconditions (§5.10.8),
    /// which count only for a request that would otherwise succeed (as HTTP does, RFC 9110 §13.2.1).
    /// Each failure writes its error response. The checks keep nothing: what they need is passed in.
    /// </summary>
    internal static class RequestChecks
    {
        /// <summary>A bit of the protection requirement: GET only with OSCORE.</summary>
        internal const int ProtectedReads = 1;

        /// <summary>A bit of the protection requirement: POST, PUT and DELETE only with OSCORE.</summary>
        internal const int ProtectedWrites = 2;

        /// <summary>
        /// Returns the resource of <paramref name="resources"/> the request targets, or null with the error
        /// written in <paramref name="response"/>, or null and <paramref name="reject"/> when the request
        /// is to be ignored. The preconditions are evaluated with <paramref name="conditional"/>.
        /// </summary>
        internal static CoapResource Check(ResourceRegistry resources, CoapWritePolicy policy, int protection, CoapResponse response, ConditionalRequest conditional, CoapMessage request, CoapEndpoint source, out bool reject)
        {
            reject = false;
            if (request._result == CoapParseResult.TooManyOptions)
            {
                // The request view indexes as many options as the server was configured for.
                WriteError(response, CoapCode.BadRequest, Diagnostics.TooManyOptions);
                response.AddPayloadNumber(request.MaxOptions);
                return null;
            }

            // The options the checks ask about were noted when the request was parsed (CoapMessage's known slots).
            ushort[] options = request._options;
            int bad = options[CoapMessage.OtherCriticalAt] == 0 ? -1 : CoapOptionRules.FindUnrecognizedCritical(request);
            if (bad >= 0)
            {
                // RFC 7252 §5.4.1: in a CON -> 4.02 naming the option; in a NON -> rejected (§4.3).
                if (request._type != (int)CoapMessageType.Confirmable)
                {
                    reject = true;
                    return null;
                }

                WriteError(response, CoapCode.BadOption, Diagnostics.UnrecognizedCriticalOption);
                response.AddPayloadNumber(request.GetOptionNumber(bad));
                return null;
            }

            if ((options[CoapMessage.Block2At] | options[CoapMessage.Block1At]) != 0 && BlockOption.HasReservedSzx(request))
            {
                // RFC 7959 §2.2: SZX 7 is reserved; a server receiving it MUST respond with 4.00.
                WriteError(response, CoapCode.BadRequest, null);
                return null;
            }

            if ((options[CoapMessage.ProxyUriAt] | options[CoapMessage.ProxySchemeAt]) != 0)
            {
                // RFC 7252 §5.7.2: not a proxy.
                WriteError(response, CoapCode.ProxyingNotSupported, Diagnostics.NotAProxy);
                return null;
            }

            byte code = (byte)request._code;
            if (code > CoapCode.Delete)
            {
                // RFC 7252 §5.8: unknown or unsupported method -> 4.05.
                WriteError(response, CoapCode.MethodNotAllowed, null);
                return null;
            }

            CoapResource resource = resources.Find(request);
            if (resource == null)
            {
                WriteError(response, CoapCode.NotFound, null);
                return null;
            }

            // Codes above Delete were refused above (4.05), so the flag alone tells (CoapMethods.Contains).
            if ((resource._methods & (1 << code)) == 0)
            {
                WriteError(response, CoapCode.MethodNotAllowed, null);
                return null;
            }

            if (protection != 0 && !request._protected && (protection & (code == CoapCode.Get ? ProtectedReads : ProtectedWrites)) != 0 && !resources.IsBuiltInDiscovery(resource))
            {
                // RFC 8613 §1: this server takes the method on this resource only with OSCORE; the built-in
                // /.well-known/core stays readable, so clients can still find the resources.
                WriteError(response, CoapCode.Unauthorized, Diagnostics.OscoreRequired);
                return null;
            }

            if (code != CoapCode.Get && policy != null && !policy.MayWrite(source))
            {
                // RFC 7252 §5.9.2.4: understood, not allowed from this client; nothing else is looked at.
                WriteError(response, CoapCode.Forbidden, Diagnostics.WritesNotAllowed);
                return null;
            }

            if (!CheckFormats(response, resource, request, code, options))
            {
                return null;
            }

            uint block;
            if (code != CoapCode.Get && options[CoapMessage.Block2At] != 0 && BlockOption.TryRead(request, CoapOption.Block2, out block) && BlockOption.NumOf(block) > 0)
            {
                // Later blocks are regenerated by running GET again (RFC 7959 §2.4); the response of
                // another method is not kept, so there is none to take them from.
                WriteError(response, CoapCode.RequestEntityIncomplete, Diagnostics.NoBlocksForMethod);
                return null;
            }

            return conditional.Evaluate(resource, request, response) ? resource : null;
        }

        /// <summary>
        /// RFC 7252 §5.9.2.9: a request larger than the buffer gets 4.13 with Size1, the payload size that
        /// would fit after the header, token and options seen before the cut.
        /// </summary>
        internal static void WriteTooLarge(CoapResponse response, CoapMessage request, int maxRequestSize)
        {
            int overhead;
            if (request.Result == CoapParseResult.Ok && request.PayloadLength > 0)
            {
                overhead = request.PayloadOffset;
            }
            else if (request.OptionCount > 0)
            {
                int last = request.OptionCount - 1;
                overhead = request.GetOptionOffset(last) + request.GetOptionLength(last) + 1;
            }
            else
            {
                overhead = CoapMessage.HeaderLength + request.TokenLength + 1;
            }

            int room = maxRequestSize - overhead;
            WriteError(response, CoapCode.RequestEntityTooLarge, Diagnostics.RequestTooLarge);
            response.AddUIntOption(CoapOption.Size1, room > 0 ? (uint)room : 0);
        }

        /// <summary>Replaces the response with <paramref name="code"/> and an optional diagnostic payload (RFC 7252 §5.5.2).</summary>
        internal static void WriteError(CoapResponse response, byte code, byte[] diagnostic)
        {
            response.Reset(code);
            if (diagnostic != null)
            {
                response.AddPayload(diagnostic);
            }
        }

        private static bool CheckFormats(CoapResponse response, CoapResource resource, CoapMessage request, byte code, ushort[] options)
        {
            if (request._payloadOffset < request._offset + request._length)
            {
                // RFC 7252 §5.10.3: Content-Format describes the payload; absent (or unusable) means unknown.
                uint format;
                int contentFormat = CoapOptionRules.TryGetUIntAt(request, options[CoapMessage.ContentFormatAt] - 1, 0, out format)
                    ? (int)format
                    : CoapContentFormat.None;
                if (!resource.Accepts(code, contentFormat))
                {
                    WriteError(response, CoapCode.UnsupportedContentFormat, null);
                    return false;
                }
            }

            uint accept;
            if (options[CoapMessage.AcceptAt] != 0 && CoapOptionRules.TryGetUIntAt(request, options[CoapMessage.AcceptAt] - 1, 0, out accept) && !resource.CanProduce((int)accept))
            {
                // RFC 7252 §5.10.4: cannot answer in the format asked for -> 4.06.
                WriteError(response, CoapCode.NotAcceptable, null);
                return false;
            }

            return true;
        }
    }
}
