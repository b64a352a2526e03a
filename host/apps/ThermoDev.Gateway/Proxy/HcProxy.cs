using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using global::Coap.Http;
using global::Coap.Micro;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using ThermoDev.Gateway.Forwarding;
using ThermoDev.Gateway.Devices;

namespace ThermoDev.Gateway.Proxy
{
    /// <summary>
    /// The RFC 8075 HTTP-to-CoAP cross-proxy at /hc/: the default mapping <c>/hc/coap://[::1]:5683/temp</c>
    /// (§5.3) and the query form <c>/hc/?target_uri=coap%3A%2F%2F...</c> (§5.4.1). GET, HEAD, PUT, POST and
    /// DELETE map to CoAP methods (§5.8 of RFC 7252, others 501 with Allow); the target must be a configured
    /// device, by host and port (anything else 403: never an open proxy, §10.4); writes get 403 when the
    /// gateway is read-only; a body beyond 1 KB 413; Content-Type -> Content-Format (415 when none);
    /// Accept -> one CoAP Accept, the next after a 4.06, 406 when nothing can be acceptable; If-Match and
    /// If-None-Match -> CoAP preconditions and validation (2.03 -> 304); a 2.01's Location-Path -> Location.
    /// The mappings are Coap.Http's.
    /// </summary>
    public sealed class HcProxy
    {
        /// <summary>The proxy's path (RFC 8075 §5.1, the HC Proxy URI).</summary>
        public const string ProxyPath = "/hc/";

        private readonly GatewayCore _core;
        private readonly object _gate = new object();
        private Targets? _targets;

        /// <summary>A proxy to the devices of <paramref name="core"/> (those it follows now: not a gone one).</summary>
        public HcProxy(GatewayCore core)
        {
            ArgumentNullException.ThrowIfNull(core);
            _core = core;
        }

        /// <summary>Maps /hc and everything below it, for every method.</summary>
        public void Map(IEndpointRouteBuilder routes)
        {
            ArgumentNullException.ThrowIfNull(routes);
            routes.Map("/hc/{**target}", Handle);
        }

        private async Task Handle(HttpContext context)
        {
            HttpRequest request = context.Request;
            byte? method = MethodMapping.ToCoap(request.Method);
            if (method == null)
            {
                context.Response.Headers.Allow = MethodMapping.Allow;
                await Fail(context, GatewayFailure.MethodNotMapped, $"{request.Method} has no CoAP equivalent.").ConfigureAwait(false);
                return;
            }

            string rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (request.Path + request.QueryString);
            TargetUriResult parsed = TargetUri.FromRequestTarget(rawTarget, ProxyPath);
            if (parsed.Target == null)
            {
                await CoapResponseWriter.WriteText(context, parsed.HttpStatus, parsed.Error ?? "The target CoAP URI cannot be read.").ConfigureAwait(false);
                return;
            }

            CoapTarget target = parsed.Target;
            Targets targets = CurrentTargets();
            Device? device = targets.Policy.IsAllowed(target) ? DeviceFor(targets, target) : null;
            if (device == null)
            {
                await Fail(context, GatewayFailure.ForbiddenTarget, $"{target} is not a device of this gateway: it forwards only to its configured devices.").ConfigureAwait(false);
                return;
            }

            var call = new CoapCall(device, method.Value, PathAndQuery(target));
            if (call.IsUnsafe && _core.ReadOnly)
            {
                await CoapResponseWriter.WriteText(context, StatusCodes.Status403Forbidden,
                    "This gateway is read-only (--read-only): writes are refused.").ConfigureAwait(false);
                return;
            }

            AcceptNegotiation negotiation = AcceptNegotiation.Parse(request.Headers.Accept.ToString());
            if (negotiation.NothingAcceptable)
            {
                await Fail(context, GatewayFailure.NotAcceptable, "None of the media types in Accept is one the proxy can return.").ConfigureAwait(false);
                return;
            }

            ConditionalOptions conditions = ConditionalRequestMapping.Map(request.Method, Header(request.Headers.IfMatch), Header(request.Headers.IfNoneMatch));
            if (!conditions.Success)
            {
                await CoapResponseWriter.WriteText(context, conditions.HttpStatus, conditions.Error ?? "The request's preconditions cannot be sent.").ConfigureAwait(false);
                return;
            }

            byte[]? body = await RequestBody.ReadAsync(request, context.RequestAborted).ConfigureAwait(false);
            if (body == null)
            {
                await RequestBody.WriteTooLarge(context).ConfigureAwait(false);
                return;
            }

            int contentFormat = CoapContentFormat.None;
            if (request.ContentType != null)
            {
                int? mapped = MediaTypeMapping.ToContentFormat(request.ContentType, request.Headers.ContentEncoding);
                if (mapped == null)
                {
                    await Fail(context, GatewayFailure.UnsupportedMediaType, $"{request.ContentType} has no CoAP Content-Format.").ConfigureAwait(false);
                    return;
                }

                contentFormat = mapped.Value;
            }

            call = call with
            {
                ContentFormat = contentFormat,
                Payload = body,
                ETags = conditions.ETags.ToArray(),
                IfMatch = conditions.IfMatch.ToArray(),
                IfNoneMatch = conditions.IfNoneMatch,
            };

            // One CoAP Accept at a time; after a 4.06 the next acceptable one (RFC 7252 §10.2.2).
            Forwarded forwarded = null!;
            foreach (int? accept in negotiation.Attempts)
            {
                forwarded = await _core.Forwarder.ForwardAsync(call with { Accept = accept ?? CoapContentFormat.None }, context.RequestAborted).ConfigureAwait(false);
                if (forwarded.Result.Outcome != CoapOutcome.Response || forwarded.Result.Code != CoapCode.NotAcceptable)
                {
                    break;
                }
            }

            CoapResult result = forwarded.Result;
            if (result.IsSuccess && result.Payload.Length > 0 && !negotiation.Accepts(result.ContentFormat == CoapContentFormat.None ? null : result.ContentFormat))
            {
                await Fail(context, GatewayFailure.NotAcceptable, "The device answered in a media type the request does not accept.").ConfigureAwait(false);
                return;
            }

            if (result.Outcome == CoapOutcome.Response && result.Code == CoapCode.Created && (result.LocationPath.Count > 0 || result.LocationQuery.Count > 0))
            {
                // RFC 7252 §10.2.4: the created resource, as a request target at this proxy.
                CoapTarget? created = target.WithLocation(result.LocationPath, result.LocationQuery);
                if (created != null)
                {
                    context.Response.Headers.Location = created.ToRequestTarget(ProxyPath);
                }
            }

            await CoapResponseWriter.WriteAsync(context, device, forwarded, _core.Forwarder.Timeout, conditional: conditions.IsValidation).ConfigureAwait(false);
        }

        // The device that observes this very path, else the first configured on the target's server: the
        // cache and its invalidation by a write are per device, so two devices on one server keep theirs.
        private static Device? DeviceFor(Targets targets, CoapTarget target)
        {
            Device? sameServer = null;
            foreach ((CoapTarget configured, Device device) in targets.Devices)
            {
                if (TargetPolicy.SameServer(configured, target))
                {
                    if (configured.Path == target.Path)
                    {
                        return device;
                    }

                    sameServer ??= device;
                }
            }

            return sameServer;
        }

        // The devices' targets as they stand: rebuilt when a device came, moved or went (devices register
        // at run time), else reused.
        private Targets CurrentTargets()
        {
            var devices = _core.Devices.All.Where(d => !d.IsGone).Select(d => (d.Location, Device: d)).ToList();
            lock (_gate)
            {
                Targets? known = _targets;
                if (known != null && known.Locations.SequenceEqual(devices.Select(d => d.Location)))
                {
                    return known;
                }

                var list = new List<(CoapTarget, Device)>();
                foreach ((DeviceLocation location, Device device) in devices)
                {
                    TargetUriResult parsed = TargetUri.Parse(location.Address.Uri);
                    if (parsed.Target != null)
                    {
                        list.Add((parsed.Target, device));
                    }
                }

                _targets = new Targets(devices.Select(d => d.Location).ToList(), list, new TargetPolicy(list.Select(d => d.Item1)));
                return _targets;
            }
        }

        private sealed record Targets(List<DeviceLocation> Locations, List<(CoapTarget Target, Device Device)> Devices, TargetPolicy Policy);

        private static string? Header(Microsoft.Extensions.Primitives.StringValues values) =>
            Microsoft.Extensions.Primitives.StringValues.IsNullOrEmpty(values) ? null : values.ToString();

        // The path as RFC 7252 §6.5 composes it, then the query arguments, each percent-encoded so that the
        // client's SetPath splits and decodes them back into the same options.
        private static string PathAndQuery(CoapTarget target)
        {
            var text = new StringBuilder(target.Path);
            for (int i = 0; i < target.QueryArguments.Count; i++)
            {
                text.Append(i == 0 ? '?' : '&').Append(Uri.EscapeDataString(target.QueryArguments[i]));
            }

            return text.ToString();
        }

        private static Task Fail(HttpContext context, GatewayFailure failure, string message) =>
            CoapResponseWriter.WriteText(context, GatewayFailureStatus.ToHttpStatus(failure), message);
    }
}
