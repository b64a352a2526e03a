namespace Coap.Micro
{
    /// <summary>
    /// Told what becomes of a request sent with <see cref="CoapClient.Send"/>. Both methods run on the
    /// thread that runs the client's loop (its own, the caller's in <see cref="CoapClient.Poll"/>, or a
    /// shared server's); they must return soon and must not make blocking calls on the client.
    /// </summary>
    public interface ICoapResponseHandler
    {
        /// <summary>
        /// A whole response is in the request's buffer (<see cref="CoapRequest.ResponseBuffer"/>, from
        /// <see cref="CoapRequest.PayloadOffset"/>, <see cref="CoapRequest.PayloadLength"/> bytes), with
        /// its code and summarised options on <paramref name="request"/>. <paramref name="message"/> is the
        /// last datagram of it (the last block of a block-wise one), readable during this call only, for
        /// any other option. An observation calls this once per notification, in order (RFC 7641 §3.4).
        /// </summary>
        void Response(CoapRequest request, CoapMessage message);

        /// <summary>
        /// The request is over, with <see cref="CoapRequest.Result"/> (after its last <see cref="Response"/>,
        /// or without one). From here the request may be changed and sent again.
        /// </summary>
        void Ended(CoapRequest request);
    }
}
