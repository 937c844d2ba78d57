package dev.ferry.core.internal.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpResponse;

/**
 * Watches the responses of an exchange that asked {@code Expect: 100-continue}. Reactor Netty
 * swallows the interim {@code 100} without telling anyone, so this handler, which sits just after
 * the HTTP codec, opens the gate that holds the body back. Messages pass through untouched.
 */
final class ExpectContinueListener extends ChannelInboundHandlerAdapter {
    static final String NAME = "ferry.expectContinue";

    private final ExchangeState state;

    ExpectContinueListener(ExchangeState state) {
        this.state = state;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpResponse response) {
            // 100: go ahead. Anything else is the final answer, given before the body: withhold it.
            state.continueGate.tryEmitValue(response.status().code() == 100);
        }
        ctx.fireChannelRead(msg);
    }
}
