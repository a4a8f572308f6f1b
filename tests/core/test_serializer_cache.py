"""A ModelSerializer's fields are built from the model once per class and language
(bpo/core/serializer_cache.py); every serializer still gets fields of its own."""

from unittest import mock

from django.utils import translation
from rest_framework import serializers

from delivery.api.serializers_engagement import MeetingSerializer
from strategy.models import Program


class ProgramNameSerializer(serializers.ModelSerializer):
    class Meta:
        model = Program
        fields = ["id", "name", "status"]


def test_fields_are_built_once_per_class_and_language():
    calls = []
    original = serializers.ModelSerializer.build_field

    def counting(self, *args):
        calls.append(args[0])
        return original(self, *args)

    class Once(ProgramNameSerializer):
        class Meta(ProgramNameSerializer.Meta):
            pass

    with mock.patch.object(serializers.ModelSerializer, "build_field", counting):
        with translation.override("en"):
            first = Once().fields
            second = Once().fields
        assert calls == ["id", "name", "status"]
        with translation.override("zh-hans"):
            chinese = Once().fields
            chinese_label = str(chinese["name"].label or "")
        assert calls == ["id", "name", "status"] * 2
    assert list(first) == list(second) == list(chinese) == ["id", "name", "status"]
    assert chinese_label and chinese_label != "Name"


def test_each_serializer_gets_its_own_fields():
    one, other = ProgramNameSerializer(), ProgramNameSerializer()
    assert one.fields["name"] is not other.fields["name"]
    one.fields["name"].read_only = True
    assert ProgramNameSerializer().fields["name"].read_only is False
    assert other.fields["name"].read_only is False
    assert one.fields["name"].parent is one and other.fields["name"].parent is other


def test_a_serializer_that_changes_a_field_per_instance_still_does(cast):
    from delivery.models import Meeting

    meeting = Meeting(program=cast.program_a, title="Kick-off")
    assert MeetingSerializer(instance=meeting).fields["program"].read_only is True
    assert MeetingSerializer().fields["program"].read_only is False
