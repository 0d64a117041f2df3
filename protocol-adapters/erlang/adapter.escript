#!/usr/bin/env escript
%% jwtproof-adapter/1 adapter for jose (potatosalad's erlang-jose, Debian
%% erlang-jose; JSON through Debian's erlang-jiffy, the JSON module jose
%% picks up on OTP 25, which has none of its own):
%%
%%     escript protocol-adapters/erlang/adapter.escript
%%
%% The library's verifier: jose_jwt:verify_strict(JWK, Allow, Token) (a JWT
%% claims set) or jose_jws:verify_strict(JWK, Allow, Token) (an opaque
%% payload), the JWK from jose_jwk:from_map/1. See protocol-adapters/README.md.
%%
%% jose is a JOSE library: it has an algorithm allow-list but no clock and no
%% JWT claim validation at all (no exp/nbf/iat, aud, iss, sub option). So:
%% - a rejection is reported as it is (invalid at any time);
%% - an opaque-payload case it accepts is `valid`;
%% - a JWT case it accepts is `valid` only when the claims set has no
%%   exp/nbf/iat; otherwise `unsupported` (its verdict at the case's time
%%   cannot be expressed; the adapter never checks a claim itself);
%% - audience/issuer/subject/required claims/max_age: `unsupported`;
%% - `none` in the allow-list: jose refuses `none` unless
%%   jose:unsecured_signing(true) is set, its documented switch for it; it is
%%   set exactly when the allow-list names `none` (as Crypt::JWT's allow_none);
%% - no key (`key: null`): jose's verifiers take a JWK, there is no call
%%   without one: `unsupported`.
-mode(compile).

-define(IMPLEMENTED, [<<"HS256">>, <<"HS384">>, <<"HS512">>, <<"RS256">>, <<"RS384">>, <<"RS512">>,
                      <<"PS256">>, <<"PS384">>, <<"PS512">>, <<"ES256">>, <<"ES384">>, <<"ES512">>,
                      <<"EdDSA">>]).

main(_) ->
    ok = io:setopts(standard_io, [binary]),
    Hello = try
                ok = application:load(jose),
                {ok, Vsn} = application:get_key(jose, vsn),
                ok = application:load(jiffy),
                jose_json_jiffy = jose:json_module(),
                #{type => <<"hello">>, library => <<"jose (erlang-jose)">>, version => list_to_binary(Vsn)}
            catch
                C:E ->
                    #{type => <<"hello">>,
                      unavailable => iolist_to_binary(io_lib:format("cannot load jose with jiffy: ~0p:~0p (run `cargo xtask setup-external`)", [C, E]))}
            end,
    loop(Hello).

loop(Hello) ->
    case io:get_line(standard_io, "") of
        eof -> ok;
        {error, _} -> ok;
        Line ->
            Req = jiffy:decode(Line, [return_maps]),
            Out = case maps:get(<<"type">>, Req, null) of
                      <<"hello">> -> Hello;
                      <<"case">> -> run_case(Req);
                      <<"bench">> -> bench(Req);
                      T -> #{type => <<"error">>, detail => iolist_to_binary(io_lib:format("unknown request type ~0p", [T]))}
                  end,
            io:put_chars(standard_io, [jiffy:encode(Out), $\n]),
            loop(Hello)
    end.

%% What an unsupported setting throws.
unsupported(Why) -> throw({unsupported, iolist_to_binary(Why)}).

%% The library on one case: `valid`, `{invalid, Kind | null, Detail}`, or
%% throws {unsupported, Why}.
verify(Req) ->
    V = maps:get(<<"validation">>, Req),
    is_map(V) orelse unsupported("the request carries no validation object"),
    maps:is_key(<<"profile">>, V) andalso
        unsupported(io_lib:format("no API-profile rules (~s) in a general-purpose JWT library", [maps:get(<<"profile">>, V)])),
    maps:is_key(<<"origin">>, V) andalso unsupported("no Origin check (voicegain profile) in a general-purpose JWT library"),
    Opaque = maps:get(<<"payload">>, V, <<"jwt">>) =:= <<"opaque">>,
    Opaque orelse
        [unsupported(["jose has no JWT claim validation (no ", S, " option)"])
         || S <- [<<"audience">>, <<"issuer">>, <<"subject">>, <<"required_claims">>, <<"max_age">>], maps:is_key(S, V)],
    Algs = maps:get(<<"algorithms">>, V),
    Lacking = [A || A <- Algs, A =/= <<"none">>, not lists:member(A, ?IMPLEMENTED)],
    Lacking =:= [] orelse unsupported(["jose does not implement ", lists:join(", ", Lacking)]),
    Key = maps:get(<<"key">>, Req, null),
    Key =:= null andalso unsupported("jose's verifiers take a JWK: there is no call without a key"),
    jose:unsecured_signing(lists:member(<<"none">>, Algs)),
    Token = maps:get(<<"token">>, Req),
    case try {ok, jose_jwk:from_map(Key)} catch KC0:KE0 -> {key_error, KC0, KE0} end of
        {key_error, KC, KE} ->
            {invalid, map_error(key, KE), fmt("jose_jwk:from_map: ~0p:~0P", [KC, KE, 12])};
        {ok, JWK} ->
            Call = case Opaque of
                       true -> fun() -> jose_jws:verify_strict(JWK, Algs, Token) end;
                       false -> fun() -> jose_jwt:verify_strict(JWK, Algs, Token) end
                   end,
            try Call() of
                {true, Payload, _JWS} when Opaque, is_binary(Payload) -> valid;
                {true, {jose_jwt, Claims}, _JWS} when is_map(Claims) ->
                    case [C || C <- [<<"exp">>, <<"nbf">>, <<"iat">>], maps:is_key(C, Claims)] of
                        [] -> valid;
                        _ -> unsupported("jose accepted the token; it has no clock and no exp/nbf/iat validation, "
                                         "so its verdict at the case's time cannot be expressed")
                    end;
                {true, Other, _} ->
                    unsupported(fmt("jose accepted the signature; the payload it returned is not a claims set: ~0P", [Other, 8]));
                {false, _, Header} when is_map(Header) ->
                    %% verify_strict's answer for an algorithm outside the allow-list
                    %% (the JWS header map instead of the #jose_jws{} record).
                    {invalid, map_error(verify, not_allowed), fmt("verify_strict: false (alg ~0p not in the allow-list)", [maps:get(<<"alg">>, Header, undefined)])};
                {false, _, _JWS} ->
                    {invalid, map_error(verify, false), <<"verify_strict: false (signature does not verify)">>}
            catch
                throw:{unsupported, _} = U -> throw(U);
                EC:EE:ST ->
                    {invalid, map_error(verify, {EE, ST}), fmt("~0p:~0P at ~0P", [EC, EE, 12, ST, 6])}
            end
    end.

%% jose's answers and errors → the spec's kinds (the one place).
map_error(key, _) -> <<"key_mismatch">>;
map_error(verify, not_allowed) -> <<"algorithm_not_allowed">>;
map_error(verify, false) -> <<"invalid_signature">>;
%% jose_jws:expand/1 refusing what is not three dot-separated parts.
map_error(verify, {{badarg, _}, [{jose_jws, do_expand, _, _} | _]}) -> <<"malformed">>;
map_error(verify, _) -> null.

fmt(F, A) -> iolist_to_binary(io_lib:format(F, A)).

run_case(Req) ->
    Id = maps:get(<<"id">>, Req),
    T0 = erlang:monotonic_time(nanosecond),
    R = try verify(Req) catch throw:{unsupported, W} -> {unsupported, W} end,
    Elapsed = erlang:monotonic_time(nanosecond) - T0,
    Base = #{type => <<"outcome">>, id => Id},
    case R of
        valid -> Base#{outcome => <<"valid">>, elapsed_ns => Elapsed};
        {unsupported, Why} -> Base#{outcome => <<"unsupported">>, detail => Why};
        {invalid, Kind, Detail} ->
            B = Base#{outcome => <<"invalid">>, detail => safe(Detail), elapsed_ns => Elapsed},
            case Kind of null -> B; _ -> B#{error => Kind} end
    end.

%% Details can quote token bytes: keep them valid UTF-8 for the JSON answer.
safe(D) ->
    case unicode:characters_to_binary(D) of
        B when is_binary(B) -> binary:part(B, 0, min(byte_size(B), 1000));
        _ -> fmt("~0p", [D])
    end.

bench(Req) ->
    Id = maps:get(<<"id">>, Req),
    Base = #{type => <<"bench">>, id => Id},
    case try verify(Req) catch throw:{unsupported, W} -> {unsupported, W} end of
        valid ->
            N = max(1, maps:get(<<"iterations">>, Req, 100)),
            T0 = erlang:monotonic_time(nanosecond),
            [valid = verify(Req) || _ <- lists:seq(1, N)],
            T1 = erlang:monotonic_time(nanosecond),
            [ok = nothing(Req) || _ <- lists:seq(1, N)],
            T2 = erlang:monotonic_time(nanosecond),
            Base#{ns_per_op => (T1 - T0) / N, overhead_ns_per_op => (T2 - T1) / N};
        {unsupported, Why} -> Base#{unsupported => <<"unsupported: ", Why/binary>>};
        {invalid, _, D} -> Base#{unsupported => safe(D)}
    end.

nothing(_) -> ok.
